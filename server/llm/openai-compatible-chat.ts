import type { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';

import { classifyRequestPrompt, type classifyRequestPromptVariables } from '../../prompts/classify-request.v1';
import { draftAnswerPrompt, type draftAnswerPromptVariables } from '../../prompts/draft-answer.v1';

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
export type AskToDraft = (variables: ReturnType<typeof draftAnswerPromptVariables>) => Promise<ChatReply>;

/**
 * The classification prompt in JSON mode rather than with a JSON schema, because every OpenAI-compatible server
 * supports it, and because reading the answer ourselves tells a malformed answer apart from an invented category.
 */
export function openAiCompatibleChat(endpoint: ChatEndpoint): AskToClassify {
  return chatCompletion(endpoint, classifyRequestPrompt, { json: true });
}

/** The drafting prompt: its answer is the reply's text itself. */
export function openAiCompatibleDraftChat(endpoint: ChatEndpoint): AskToDraft {
  return chatCompletion(endpoint, draftAnswerPrompt, { json: false });
}

/**
 * One chat completion against any OpenAI-compatible endpoint (OpenAI, Albert, Mistral, Ollama, vLLM) through
 * langchain. Retries are left to the caller, and `timeoutMs` bounds each call.
 */
function chatCompletion<Variables extends Record<string, string>>(
  endpoint: ChatEndpoint,
  prompt: ChatPromptTemplate,
  format: { json: boolean },
): (variables: Variables) => Promise<ChatReply> {
  const model = new ChatOpenAI({
    model: endpoint.model,
    // Local servers (Ollama, vLLM) take any key, but the SDK refuses to start without one.
    apiKey: endpoint.apiKey ?? 'sans-cle',
    configuration: { baseURL: endpoint.baseUrl },
    maxRetries: 0,
    temperature: 0,
  });
  const chain = prompt.pipe(format.json ? model.withConfig({ response_format: { type: 'json_object' } }) : model);
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
