// Drives a running outlit-mock the way a client in another language does: plain HTTP through Node's
// built-in fetch, no Outlit package. Prints one JSON line with what it saw; exits 1 on anything unexpected.
//
//   node drive-mock.mjs <base URL> <API key> <public key> <batch sessionId or "-">
const [baseUrl, apiKey, publicKey, batchSessionId] = process.argv.slice(2)

function fail(message) {
  console.error(message)
  process.exit(1)
}

async function send(method, path, body, headers) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    fail(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text}`)
  }
  if (response.status !== 200) fail(`${method} ${path} answered ${response.status}: ${text}`)
  return json
}

const platform = { Authorization: `Bearer ${apiKey}` }

// A tool call through the gateway.
const customers = await send("POST", "/api/tools/call", { tool: "outlit_list_customers", input: { limit: 2 } }, platform)
if (!Array.isArray(customers.items) || customers.items.length !== 2) fail(`expected 2 customers: ${JSON.stringify(customers)}`)

// A browser-session connect, polled until it connects.
const session = await send("POST", "/api/integrations/connect", { provider: "hubspot" }, platform)
if (typeof session.sessionId !== "string" || typeof session.connectUrl !== "string") fail(`no session: ${JSON.stringify(session)}`)
const polls = []
while (polls.at(-1) !== "connected") {
  if (polls.length === 5) fail(`still not connected after ${polls.join(", ")}`)
  const status = await send("GET", `/api/integrations/connect/status?sessionId=${encodeURIComponent(session.sessionId)}`, undefined, platform)
  polls.push(status.status)
}

// An ingest batch, authorized by the public key in the path alone.
const batch = {
  visitorId: "5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11",
  source: "client",
  sessionId: batchSessionId,
  events: [
    { type: "pageview", timestamp: Date.now(), url: "https://www.example.com/pricing", path: "/pricing", title: "Pricing" },
    { type: "custom", timestamp: Date.now(), url: "https://www.example.com/pricing", path: "/pricing", eventName: "plan_compared", properties: { plan: "team" } },
  ],
}
const ingest = await send("POST", `/api/i/v1/${encodeURIComponent(publicKey)}/events`, batch, {})
if (ingest.success !== true) fail(`ingest did not succeed: ${JSON.stringify(ingest)}`)

console.log(JSON.stringify({ customers: customers.items.length, polls, ingested: batch.events.length }))
