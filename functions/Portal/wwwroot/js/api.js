// The API calls of the portal: same origin, the key only in the Authorization header (never in a URL, never logged).
import { bytes, t } from './i18n.js';

const KEY = 'readiness.key';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY); },
  me: null,
};

/** A route under the API's root, /api/, found relative to the portal's folder /api/portal/; an absolute path (a
 * status Location) as it is. */
export const apiUrl = (path) => new URL(path.startsWith('/') ? path : `../${path}`, document.baseURI).toString();

/** A refused or failed call: the status (0 when the server was not reached) and the body the server sent. */
export class ApiError extends Error {
  constructor(status, body) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

const authorization = (key) => ({ Authorization: `Bearer ${key ?? session.key}` });

/** GET (or another method, with a JSON <body>) as JSON; resolves the body, or rejects with an ApiError. */
export async function call(path, { method = 'GET', key, body } = {}) {
  let response;
  const headers = { ...authorization(key), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    response = await fetch(apiUrl(path), { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  const answer = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

/** A file download (a template): the blob and the file name the server gave it. */
export async function download(path) {
  let response;
  try {
    response = await fetch(apiUrl(path), { headers: { ...authorization(), Accept: 'text/csv' }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) throw new ApiError(response.status, await readJson(response));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? 'template.csv';
  return { blob: await response.blob(), name: decodeURIComponent(name) };
}

/**
 * Posts a file as multipart/form-data with XMLHttpRequest, whose upload events give the progress bar; resolves
 * { status, body, location } for every answer the server gave (200, 202, 413, 422…), rejects with ApiError(0) when
 * the server could not be reached.
 */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl(path));
    request.setRequestHeader('Authorization', `Bearer ${session.key}`);
    request.setRequestHeader('Accept', 'application/json');
    // Marks the upload as the portal's (its record's source and the upload metrics say `portal`, not `http`).
    request.setRequestHeader('X-Readiness-Client', 'portal');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { body = null; }
      resolve({ status: request.status, body, location: request.getResponseHeader('Location') });
    });
    request.addEventListener('error', () => reject(new ApiError(0, null)));
    request.addEventListener('abort', () => reject(new ApiError(0, null)));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

async function readJson(response) {
  try { return await response.json(); } catch { return null; }
}

/** What an officer reads for a failed call: Indonesian first, saying how to fix it. */
export function explain(error) {
  const status = error instanceof ApiError ? error.status : 0;
  const body = error?.body ?? {};
  const id = body.correlationId ?? '–';
  const detail = body.detail ?? '';
  const max = bytes(session.me?.maxUploadBytes ?? 20 * 1024 * 1024);
  switch (status) {
    case 0: return t('err.network');
    case 400: return t('err.400', { detail });
    case 401: return t('err.401');
    case 403: return t('err.403');
    case 404: return t('err.404', { detail });
    case 413: return t('err.413', { max });
    case 415: return t('err.415');
    case 429: return t('err.429');
    case 500: return t('err.500', { id });
    case 502: case 503: case 504: return t('err.503');
    default: return t('err.other', { status, id });
  }
}
