import { ChatOpenAI } from '@langchain/openai';
import { classifyRequestPrompt, type classifyRequestPromptVariables } from '../../prompts/classify-request.v1';

export interface ChatEndpoint {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface ChatReply {
  content: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type AskToClassify = (variables: ReturnType<typeof classifyRequestPromptVariables>) => Promise<ChatReply>;

/**
 * One chat completion against any OpenAI-compatible endpoint (OpenAI, Albert, Mistral, Ollama, vLLM) through
 * langchain. JSON mode rather than a JSON schema because every such server supports it, and because reading the
 * answer ourselves tells a malformed answer apart from an invented category. Retries are left to the caller, and
 * `timeoutMs` bounds each call.
 */
export function openAiCompatibleChat(endpoint: ChatEndpoint): AskToClassify {
  const model = new ChatOpenAI({
    model: endpoint.model,
    // Local servers (Ollama, vLLM) take any key, but the SDK refuses to start without one.
    apiKey: endpoint.apiKey ?? 'sans-cle',
    configuration: { baseURL: endpoint.baseUrl },
    maxRetries: 0,
    temperature: 0,
  });
  const chain = classifyRequestPrompt.pipe(model.withConfig({ response_format: { type: 'json_object' } }));
  return async (variables) => {
    // Our own deadline rather than the SDK's: how the SDK reports its timeout depends on the runtime's error classes.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), endpoint.timeoutMs);
    try {
      const message = await chain.invoke(variables, { signal: deadline.signal });
      const usage = message.usage_metadata;
      return {
        content: message.text,
        promptTokens: usage?.input_tokens ?? 0,
        completionTokens: usage?.output_tokens ?? 0,
        totalTokens: usage?.total_tokens ?? 0,
      };
    } catch (error) {
      throw deadline.signal.aborted ? new LlmDeadlineExceeded(endpoint.timeoutMs) : error;
    } finally {
      clearTimeout(timer);
    }
  };
}

export class LlmDeadlineExceeded extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'LlmDeadlineExceeded';
  }
}
