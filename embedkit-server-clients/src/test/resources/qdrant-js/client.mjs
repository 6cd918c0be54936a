// Qdrant's official JS REST client against embedkit: node client.mjs URL PREFIX API_KEY COLLECTION MODEL
// (PREFIX "" for the Qdrant port's root, "/qdrant" on the main port: the client's `prefix` option, as the client
// ignores a path in `url`). Prints one JSON object with every answer; QdrantJsClientTest checks it.
import { QdrantClient } from '@qdrant/js-client-rest';

const [url, prefix, apiKey, name, model] = process.argv.slice(2);
const client = new QdrantClient({ url, prefix, apiKey });
const out = {};

out.version = await client.versionInfo();
out.created = await client.createCollection(name, { vectors: { size: 4, distance: 'Dot' } });
out.exists = await client.collectionExists(name);
out.upsert = await client.upsert(name, {
  wait: true,
  points: [
    { id: 1, vector: [0.05, 0.61, 0.76, 0.74], payload: { city: 'Berlin' } },
    { id: 2, vector: [0.19, 0.81, 0.75, 0.11], payload: { city: 'London' } },
    { id: 3, vector: [0.36, 0.55, 0.47, 0.94], payload: { city: 'Moscow' } },
    { id: 4, vector: [0.18, 0.01, 0.85, 0.8], payload: { city: 'New York' } },
    { id: 5, vector: [0.24, 0.18, 0.22, 0.44], payload: { city: 'Beijing' } },
    { id: 6, vector: [0.35, 0.08, 0.11, 0.44], payload: { city: 'Mumbai' } },
  ],
});
out.info = await client.getCollection(name);
out.plain = await client.query(name, { query: [0.2, 0.1, 0.9, 0.7], limit: 3 });
out.filtered = await client.query(name, {
  query: [0.2, 0.1, 0.9, 0.7],
  filter: { must: [{ key: 'city', match: { value: 'London' } }] },
  with_payload: true,
  limit: 3,
});
out.retrieve = await client.retrieve(name, { ids: [1, 2], with_payload: true, with_vector: true });
out.count = await client.count(name, { exact: true });
out.deleted = await client.delete(name, { wait: true, points: [1] });
out.countAfter = await client.count(name, { exact: true });
out.scroll = await client.scroll(name, { limit: 2, with_payload: true });

const texts = ['The weather is lovely today.', "It's so sunny outside!", 'He drove to the stadium.'];
await client.createCollection(`${name}_docs`, { vectors: { size: 384, distance: 'Cosine' } });
await client.upsert(`${name}_docs`, {
  wait: true,
  points: texts.map((text, i) => ({ id: i, vector: { text, model }, payload: { n: i } })),
});
out.documents = await client.query(`${name}_docs`, { query: { text: 'Is it sunny?', model }, limit: 3 });
try {
  await client.getCollection(`${name}_missing`);
} catch (e) {
  out.missing = { status: e.status, data: e.data };
}
out.dropped = await client.deleteCollection(name);
out.droppedDocs = await client.deleteCollection(`${name}_docs`);
process.stdout.write(JSON.stringify(out));
