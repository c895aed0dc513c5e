// Builds DOM from data without innerHTML, so nothing the API or a file says can become markup.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export const clear = (element) => element.replaceChildren();

/** Shows a text in a status or error element (hidden while empty). */
export function say(element, text, kind) {
  element.textContent = text ?? '';
  element.hidden = !text;
  if (kind) element.dataset.kind = kind;
  else delete element.dataset.kind;
}

/** A table with a caption, a header row and rows of cells (a cell may be a node or [node, attributes]). */
export function table(caption, headers, rows, attributes = {}) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', attributes,
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows)));
}
