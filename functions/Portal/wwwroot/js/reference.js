// Renders the app's own OpenAPI document (/api/openapi.json) for people: every operation with its parameters, body,
// responses and schemas, and the components. No framework and nothing from elsewhere, so it runs under the portal's
// strict Content-Security-Policy; everything is built with DOM nodes (no HTML strings).

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The document's descriptions use a little Markdown: paragraphs, `code` and *emphasis*.
function prose(text) {
  if (!text) return [];
  return text.split(/\n\n+/).map((paragraph) => el('p', {}, ...inline(paragraph)));
}

function inline(text) {
  const parts = [];
  const pattern = /`([^`]+)`|\*([^*]+)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(match[1] !== undefined ? el('code', {}, match[1]) : el('em', {}, match[2]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function refName(ref) {
  return ref.split('/').pop();
}

function resolve(doc, node) {
  let current = node;
  while (current && current.$ref) {
    current = current.$ref.slice(2).split('/').reduce((at, part) => at[part], doc);
  }
  return current;
}

// A schema as one short line ("array of UploadRecord", "string or null") with links to the named schemas.
function typeLine(schema) {
  if (!schema) return ['any'];
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return [el('a', { href: `#schema-${name}` }, name)];
  }
  if (schema.anyOf || schema.oneOf) {
    const options = schema.anyOf || schema.oneOf;
    return options.flatMap((option, i) => (i === 0 ? typeLine(option) : [' or ', ...typeLine(option)]));
  }
  if (schema.enum) return [`one of ${schema.enum.map((v) => (v === null ? 'null' : JSON.stringify(v))).join(', ')}`];
  if (schema.const !== undefined) return [JSON.stringify(schema.const)];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type || (schema.properties ? 'object' : 'any')];
  return types.flatMap((type, i) => {
    const word = type === 'array' ? ['array of ', ...typeLine(schema.items)]
      : type === 'string' && schema.format ? [`string (${schema.format})`]
      : [type];
    return i === 0 ? word : [' or ', ...word];
  });
}

// An object's members as a list, nested objects inside; named schemas are linked, not repeated.
function schemaTree(schema, depth = 0) {
  if (!schema || schema.$ref || depth > 4) return null;
  const target = schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')) ? schema.items : schema;
  if (!target || target.$ref || !target.properties) return null;
  const required = new Set(target.required || []);
  return el('ul', { class: 'schema' }, Object.entries(target.properties).map(([name, member]) => el('li', {},
    el('code', {}, name), ' ', el('span', { class: 'hint' }, '(', ...typeLine(member), required.has(name) ? ', required' : '', ')'),
    member.description ? [' ', ...inline(member.description)] : [],
    schemaTree(member, depth + 1))));
}

function example(content) {
  const value = content.example !== undefined ? content.example
    : content.examples ? Object.values(content.examples)[0]?.value : undefined;
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return el('details', {}, el('summary', {}, 'Example'), el('pre', { tabindex: '0' }, el('code', {}, text)));
}

function contentBlock(doc, content) {
  return Object.entries(content || {}).map(([type, media]) => el('div', { class: 'media' },
    el('p', {}, el('code', {}, type), media.schema ? [': ', ...typeLine(media.schema)] : []),
    schemaTree(media.schema),
    example(media)));
}

function parametersTable(doc, parameters) {
  if (!parameters.length) return null;
  return el('div', { class: 'table-wrap' }, el('table', {},
    el('thead', {}, el('tr', {}, ['Name', 'In', 'Type', 'Description'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, parameters.map((p) => el('tr', {},
      el('td', {}, el('code', {}, p.name), p.required ? ' (required)' : ''),
      el('td', {}, p.in),
      el('td', {}, ...typeLine(p.schema), p.schema?.default !== undefined ? `, default ${JSON.stringify(p.schema.default)}` : ''),
      el('td', {}, ...inline(p.description || ''), p.example !== undefined ? [' Example: ', el('code', {}, String(p.example))] : []))))));
}

function security(doc, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  if (requirements.length === 0) return el('p', {}, el('strong', {}, 'Public: '), 'no key.');
  const names = requirements.flatMap((r) => Object.keys(r));
  return el('p', {}, el('strong', {}, 'Key: '), names.map((name, i) => [i ? ' or ' : '', el('a', { href: `#security-${name}` }, name)]));
}

function operationSection(doc, path, method, operation, shared) {
  const parameters = [...shared, ...(operation.parameters || [])].map((p) => resolve(doc, p));
  const responses = Object.entries(operation.responses || {});
  return el('section', { class: 'card operation', id: `op-${operation.operationId}`, 'aria-labelledby': `op-${operation.operationId}-title` },
    el('h3', { id: `op-${operation.operationId}-title` }, el('span', { class: `method method-${method}` }, method.toUpperCase()), ' ', el('code', {}, `/api${path}`)),
    el('p', {}, el('strong', {}, operation.summary || ''), ' ', el('span', { class: 'hint' }, `(${operation.operationId})`)),
    prose(operation.description),
    security(doc, operation),
    parameters.length ? [el('h4', {}, 'Parameters'), parametersTable(doc, parameters)] : [],
    operation.requestBody ? [el('h4', {}, 'Request body'), prose(resolve(doc, operation.requestBody).description), contentBlock(doc, resolve(doc, operation.requestBody).content)] : [],
    el('h4', {}, 'Responses'),
    el('dl', { class: 'responses' }, responses.map(([status, reference]) => {
      const response = resolve(doc, reference);
      return [el('dt', {}, el('code', {}, status)),
        el('dd', {}, prose(response.description),
          response.headers ? el('p', {}, 'Headers: ', Object.keys(response.headers).map((h, i) => [i ? ', ' : '', el('code', {}, h)])) : null,
          contentBlock(doc, response.content))];
    })));
}

function render(doc) {
  const root = document.getElementById('reference');
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      if (item[method]) operations.push({ path, method, operation: item[method], shared: item.parameters || [] });
    }
  }
  const tags = [...new Set(operations.map((o) => o.operation.tags?.[0] || 'Other'))];
  root.append(...[
    el('h1', {}, doc.info.title, ' ', el('span', { class: 'hint' }, `v${doc.info.version} · OpenAPI ${doc.openapi}`)),
    prose(doc.info.description),
    el('h2', {}, 'Keys'),
    Object.entries(doc.components.securitySchemes || {}).map(([name, scheme]) => el('div', { id: `security-${name}` },
      el('h3', {}, el('code', {}, name), ' ', el('span', { class: 'hint' }, scheme.type === 'http' ? `Authorization: ${scheme.scheme}` : `${scheme.in} ${scheme.name}`)),
      prose(scheme.description))),
    el('nav', { 'aria-label': 'Operations' }, el('h2', {}, 'Operations'),
      tags.map((tag) => [el('h3', {}, tag), el('ul', {}, operations.filter((o) => (o.operation.tags?.[0] || 'Other') === tag).map((o) =>
        el('li', {}, el('a', { href: `#op-${o.operation.operationId}` }, `${o.method.toUpperCase()} /api${o.path}`), ' ', o.operation.summary || '')))])),
    tags.map((tag) => [el('h2', {}, tag), operations.filter((o) => (o.operation.tags?.[0] || 'Other') === tag)
      .map((o) => operationSection(doc, o.path, o.method, o.operation, o.shared))]),
    el('h2', {}, 'Schemas'),
    Object.entries(doc.components.schemas || {}).map(([name, schema]) => el('section', { class: 'card', id: `schema-${name}`, 'aria-labelledby': `schema-${name}-title` },
      el('h3', { id: `schema-${name}-title` }, el('code', {}, name), ' ', el('span', { class: 'hint' }, '(', ...typeLine({ ...schema, $ref: undefined }), ')')),
      prose(schema.description),
      schemaTree(schema))),
  ].flat(Infinity));
}

async function main() {
  const status = document.getElementById('status');
  try {
    const response = await fetch('../openapi.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(await response.json());
    status.textContent = '';
    status.hidden = true;
  } catch (error) {
    status.textContent = `Dokumen API tidak dapat dimuat (${error.message}). Muat ulang halaman ini. / The API document could not be loaded: reload the page.`;
  }
}

main();
