"""Dynamic int8 quantization of an ONNX encoder with the onnx package alone (no onnxruntime here).

Rewrites the graph the way onnxruntime's quantize_dynamic does:
- MatMul(x, W) with a constant W becomes DynamicQuantizeLinear(x) -> MatMulInteger(x_q, W_q)
  -> Cast -> Mul(x_scale * w_scale). W is quantized symmetrically per output column, so its
  zero point is 0 and the per-column scales fold into the final Mul.
- Gather on a large constant table (the word embeddings) keeps int8 rows and one scale per
  row, dequantized after the lookup: only the looked-up rows are ever turned back to float.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

_LARGE_TABLE = 1_000_000


def _symmetric_int8(weights: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(weights).max(axis=axis, keepdims=True) / 127.0
    scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
    quantized = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8)
    return quantized, scale


def quantize_dynamic_int8(model: onnx.ModelProto) -> onnx.ModelProto:
    graph = model.graph
    initializers = {tensor.name: tensor for tensor in graph.initializer}
    consumers: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            consumers[name] = consumers.get(name, 0) + 1

    new_nodes: list[onnx.NodeProto] = []
    new_initializers: list[onnx.TensorProto] = []
    replaced: set[str] = set()
    activation_quantizers: dict[str, tuple[str, str, str]] = {}

    def quantized_activation(name: str) -> tuple[str, str, str]:
        """One DynamicQuantizeLinear per activation, shared by the MatMuls that read it (Q, K, V)."""
        if name not in activation_quantizers:
            outputs = (f"{name}_quantized", f"{name}_scale", f"{name}_zero_point")
            new_nodes.append(helper.make_node("DynamicQuantizeLinear", [name], list(outputs), name=f"{name}_DynamicQuantize"))
            activation_quantizers[name] = outputs
        return activation_quantizers[name]

    for node in graph.node:
        weight = initializers.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is not None and len(weight.dims) == 2 and weight.data_type == TensorProto.FLOAT:
            values = numpy_helper.to_array(weight)
            quantized, scale = _symmetric_int8(values, axis=0)
            prefix = node.name or node.output[0]
            new_initializers += [
                numpy_helper.from_array(quantized, f"{weight.name}_int8"),
                numpy_helper.from_array(scale.reshape(-1), f"{weight.name}_column_scale"),
            ]
            replaced.add(weight.name)
            x_quantized, x_scale, x_zero_point = quantized_activation(node.input[0])
            new_nodes += [
                helper.make_node(
                    "MatMulInteger", [x_quantized, f"{weight.name}_int8", x_zero_point], [f"{prefix}_int32"], name=f"{prefix}_MatMulInteger"
                ),
                helper.make_node("Cast", [f"{prefix}_int32"], [f"{prefix}_float"], to=TensorProto.FLOAT, name=f"{prefix}_Cast"),
                helper.make_node("Mul", [x_scale, f"{weight.name}_column_scale"], [f"{prefix}_scale"], name=f"{prefix}_ScaleMul"),
                helper.make_node("Mul", [f"{prefix}_float", f"{prefix}_scale"], [node.output[0]], name=f"{prefix}_Dequantize"),
            ]
            continue
        table = initializers.get(node.input[0]) if node.op_type == "Gather" else None
        if (
            table is not None
            and len(table.dims) == 2
            and table.dims[0] * table.dims[1] >= _LARGE_TABLE
            and consumers.get(table.name) == 1
            and not any(attribute.name == "axis" and attribute.i != 0 for attribute in node.attribute)
        ):
            quantized, scale = _symmetric_int8(numpy_helper.to_array(table), axis=1)
            prefix = node.name or node.output[0]
            new_initializers += [
                numpy_helper.from_array(quantized, f"{table.name}_int8"),
                numpy_helper.from_array(scale, f"{table.name}_row_scale"),
            ]
            replaced.add(table.name)
            new_nodes += [
                helper.make_node("Gather", [f"{table.name}_int8", node.input[1]], [f"{prefix}_rows_int8"], name=f"{prefix}_GatherInt8"),
                helper.make_node("Gather", [f"{table.name}_row_scale", node.input[1]], [f"{prefix}_row_scales"], name=f"{prefix}_GatherScale"),
                helper.make_node("Cast", [f"{prefix}_rows_int8"], [f"{prefix}_rows"], to=TensorProto.FLOAT, name=f"{prefix}_Cast"),
                helper.make_node("Mul", [f"{prefix}_rows", f"{prefix}_row_scales"], [node.output[0]], name=f"{prefix}_Dequantize"),
            ]
            continue
        new_nodes.append(node)

    kept = [tensor for tensor in graph.initializer if tensor.name not in replaced]
    del graph.node[:]
    graph.node.extend(new_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_initializers)
    # The graph's value_info may describe replaced tensors; shapes are re-inferred by the runtime.
    del graph.value_info[:]
    onnx.checker.check_model(model)
    return model
