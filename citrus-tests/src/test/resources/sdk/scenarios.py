"""The SDK scenarios, run with the official Python `openai` package against a RegionGate runtime.

Prints one JSON line per case; OfficialSdksIT compares them with what the gateway must answer.
Environment: GATEWAY_URL (the runtime's base URL ending in /v1), TENANT_KEY, US_TENANT_KEY.
"""
import json
import os
import sys

import openai

URL = os.environ["GATEWAY_URL"]
MESSAGES = [{"role": "user", "content": "Where does my prompt go?"}]


def client(key):
    return openai.OpenAI(base_url=URL, api_key=key, max_retries=0, timeout=30)


def refusal(case, error):
    body = error.body if isinstance(error.body, dict) else {}
    return {"case": case, "ok": False, "status": error.status_code, "code": body.get("code", error.code),
            "type": body.get("type", error.type), "retry_after": error.response.headers.get("retry-after")}


def chat_json():
    answer = client(os.environ["TENANT_KEY"]).chat.completions.create(model="gpt-4o", messages=MESSAGES)
    return {"content": answer.choices[0].message.content, "total_tokens": answer.usage.total_tokens}


def chat_stream():
    chunks, text, total = 0, "", None
    stream = client(os.environ["TENANT_KEY"]).chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True, stream_options={"include_usage": True})
    for chunk in stream:
        chunks += 1
        for choice in chunk.choices:
            text += choice.delta.content or ""
        if chunk.usage is not None:
            total = chunk.usage.total_tokens
    return {"content": text, "chunks": chunks, "total_tokens": total}


def embeddings():
    answer = client(os.environ["TENANT_KEY"]).embeddings.create(
        model="text-embedding-3-small", input=["first text", "second text"], dimensions=4)
    return {"vectors": len(answer.data), "dimensions": len(answer.data[0].embedding),
            "total_tokens": answer.usage.total_tokens}


def responses_json():
    answer = client(os.environ["TENANT_KEY"]).responses.create(model="gpt-4o", input="Where does my prompt go?")
    return {"content": answer.output_text, "total_tokens": answer.usage.total_tokens}


def responses_stream():
    types, text, total = [], "", None
    stream = client(os.environ["TENANT_KEY"]).responses.create(model="gpt-4o", input="Where?", stream=True)
    for event in stream:
        types.append(event.type)
        if event.type == "response.output_text.delta":
            text += event.delta
        if event.type == "response.completed":
            total = event.response.usage.total_tokens
    return {"content": text, "first": types[0], "last": types[-1], "total_tokens": total}


def model_get():
    return {"id": client(os.environ["TENANT_KEY"]).models.retrieve("gpt-4o").id}


def model_unknown():
    client(os.environ["TENANT_KEY"]).models.retrieve("gpt-9")


def bad_key():
    client("rg-no-such-key").chat.completions.create(model="gpt-4o", messages=MESSAGES)


def residency_refused():
    client(os.environ["TENANT_KEY"]).chat.completions.create(
        model="gpt-4o", messages=MESSAGES, extra_headers={"X-RegionGate-Residency": "us"})


def unknown_model():
    client(os.environ["TENANT_KEY"]).chat.completions.create(model="no-such-model", messages=MESSAGES)


def too_large():
    client(os.environ["TENANT_KEY"]).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x" * 200_000}])


def over_quota():
    client(os.environ["TENANT_KEY"]).chat.completions.create(model="gpt-4o", messages=MESSAGES, max_tokens=1_000_000)


def region_unavailable():
    client(os.environ["US_TENANT_KEY"]).chat.completions.create(model="gpt-4o", messages=MESSAGES)


CASES = [chat_json, chat_stream, embeddings, responses_json, responses_stream, model_get, model_unknown, bad_key, residency_refused, unknown_model, too_large, over_quota, region_unavailable]

for case in CASES:
    try:
        line = {"case": case.__name__, "ok": True}
        line.update(case() or {})
    except openai.APIStatusError as error:
        line = refusal(case.__name__, error)
    except Exception as error:  # a connection failure or a body the SDK could not read
        line = {"case": case.__name__, "ok": False, "failure": type(error).__name__ + ": " + str(error)}
    print(json.dumps(line), flush=True)
print(json.dumps({"sdk": "python", "version": openai.__version__}), file=sys.stderr)
