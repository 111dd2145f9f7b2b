// The SDK scenarios, run with the official Node `openai` package against a RegionGate runtime.
// Prints one JSON line per case; OfficialSdksIT compares them with what the gateway must answer.
// Environment: OPENAI_SDK_DIR (where npm installed it), GATEWAY_URL (base URL ending in /v1),
// TENANT_KEY, US_TENANT_KEY.
const path = require('path');
const OpenAI = require(path.join(process.env.OPENAI_SDK_DIR, 'node_modules', 'openai'));

const URL = process.env.GATEWAY_URL;
const MESSAGES = [{ role: 'user', content: 'Where does my prompt go?' }];
const client = (key) => new OpenAI({ baseURL: URL, apiKey: key, maxRetries: 0, timeout: 30000 });
const tenant = () => client(process.env.TENANT_KEY);

const cases = {
  chat_json: async () => {
    const answer = await tenant().chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
    return { content: answer.choices[0].message.content, total_tokens: answer.usage.total_tokens };
  },
  chat_stream: async () => {
    let chunks = 0, text = '', total = null;
    const stream = await tenant().chat.completions.create({
      model: 'gpt-4o', messages: MESSAGES, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) {
      chunks += 1;
      for (const choice of chunk.choices) text += choice.delta.content || '';
      if (chunk.usage) total = chunk.usage.total_tokens;
    }
    return { content: text, chunks, total_tokens: total };
  },
  embeddings: async () => {
    const answer = await tenant().embeddings.create({
      model: 'text-embedding-3-small', input: ['first text', 'second text'], dimensions: 4 });
    return { vectors: answer.data.length, dimensions: answer.data[0].embedding.length,
      total_tokens: answer.usage.total_tokens };
  },
  responses_json: async () => {
    const answer = await tenant().responses.create({ model: 'gpt-4o', input: 'Where does my prompt go?' });
    return { content: answer.output_text, total_tokens: answer.usage.total_tokens };
  },
  responses_stream: async () => {
    const types = []; let text = '', total = null;
    const stream = await tenant().responses.create({ model: 'gpt-4o', input: 'Where?', stream: true });
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') total = event.response.usage.total_tokens;
    }
    return { content: text, first: types[0], last: types[types.length - 1], total_tokens: total };
  },
  model_get: async () => ({ id: (await tenant().models.retrieve('gpt-4o')).id }),
  // the refusals: each must throw; an answer returns nothing, which the test reports
  model_unknown: async () => {
    await tenant().models.retrieve('gpt-9');
  },
  bad_key: async () => {
    await client('rg-no-such-key').chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
  },
  residency_refused: async () => {
    await tenant().chat.completions.create({ model: 'gpt-4o', messages: MESSAGES },
      { headers: { 'X-RegionGate-Residency': 'us' } });
  },
  unknown_model: async () => {
    await tenant().chat.completions.create({ model: 'no-such-model', messages: MESSAGES });
  },
  too_large: async () => {
    await tenant().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(200000) }] });
  },
  over_quota: async () => {
    await tenant().chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, max_tokens: 1000000 });
  },
  region_unavailable: async () => {
    await client(process.env.US_TENANT_KEY).chat.completions.create({ model: 'gpt-4o', messages: MESSAGES });
  },
};

(async () => {
  for (const [name, run] of Object.entries(cases)) {
    let line;
    try {
      const result = await run();
      line = { case: name, ok: true, ...(result || {}) };
    } catch (error) {
      if (error instanceof OpenAI.APIError && error.status) {
        line = { case: name, ok: false, status: error.status, code: error.code, type: error.type,
          retry_after: error.headers ? error.headers.get('retry-after') : null };
      } else {
        line = { case: name, ok: false, failure: `${error.name}: ${error.message}` };
      }
    }
    console.log(JSON.stringify(line));
  }
  console.error(JSON.stringify({ sdk: 'node', version: OpenAI.VERSION }));
})();
