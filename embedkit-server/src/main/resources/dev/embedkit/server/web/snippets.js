// The playground's request written out for a terminal (curl) and for OpenAI's Python SDK, so what a person tried in
// the page is one paste away from their own code. The key is never printed: a placeholder names where it goes.

function origin() {
  return location.origin + location.pathname.replace(/\/$/, '');
}

/** JSON in single quotes for a POSIX shell. */
function shellQuote(text) {
  return "'" + text.replace(/'/g, "'\\''") + "'";
}

const IMAGE_PLACEHOLDER = 'data:image/png;base64,<base64 of the picture>';

/** The request with dropped pictures' data URIs replaced by a placeholder: a snippet stays readable. */
function shown(body) {
  return { ...body, input: body.input.map((item) => typeof item === 'string' || !item.image.startsWith('data:') ? item
    : { image: IMAGE_PLACEHOLDER }) };
}

export function curlSnippet(request, keyNeeded) {
  const body = shown(request);
  return 'curl -s ' + origin() + '/v1/embeddings \\\n'
    + '  -H "Content-Type: application/json" \\\n'
    + (keyNeeded ? '  -H "Authorization: Bearer $EMBEDKIT_API_KEY" \\\n' : '')
    + '  -d ' + shellQuote(JSON.stringify(body));
}

export function pythonSnippet(request, keyNeeded) {
  const body = shown(request);
  const input = body.input.map((item) => typeof item === 'string' ? JSON.stringify(item)
    : '{"image": ' + JSON.stringify(item.image) + '}');
  return (keyNeeded ? 'import os\n' : '') + 'from openai import OpenAI\n\n'
    + 'client = OpenAI(base_url="' + origin() + '/v1", api_key='
    + (keyNeeded ? 'os.environ["EMBEDKIT_API_KEY"]' : '"unused"') + ')\n'
    + 'response = client.embeddings.create(\n'
    + '    model=' + JSON.stringify(body.model) + ',\n'
    + '    input=[\n' + input.map((line) => '        ' + line + ',').join('\n') + '\n    ],\n'
    + ')\n'
    + 'vectors = [item.embedding for item in response.data]\n';
}
