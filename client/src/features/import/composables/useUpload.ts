import { ref } from 'vue';
import { t } from '../../../shared/i18n';

/** What the upload route answers: the staged file's name for every later step. */
export interface Uploaded {
  file: string;
  name: string;
  bytes: number;
}

/**
 * Sends a file to POST /api/imports/upload as the request body (application/octet-stream), with
 * XMLHttpRequest because fetch has no upload progress. `progress` goes 0..1; `error` is the server's
 * message (it names the size limit, the accepted formats or the role needed).
 */
export function useUpload() {
  const progress = ref<number | null>(null);
  const error = ref<string | null>(null);
  const uploading = ref(false);
  let current: XMLHttpRequest | null = null;

  function upload(file: File): Promise<Uploaded | null> {
    error.value = null;
    progress.value = 0;
    uploading.value = true;
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', `/api/imports/upload?name=${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) progress.value = e.loaded / e.total;
      };
      const finish = (result: Uploaded | null, message: string | null) => {
        uploading.value = false;
        current = null;
        error.value = message;
        if (result) progress.value = 1;
        resolve(result);
      };
      xhr.onload = () => {
        const body = parse(xhr.responseText);
        if (xhr.status === 201 && body && typeof body.file === 'string') {
          finish({ file: body.file, name: String(body.name ?? file.name), bytes: Number(body.bytes ?? file.size) }, null);
        } else {
          const e = body && typeof body.error === 'object' && body.error !== null && 'message' in body.error ? String(body.error.message) : null;
          finish(null, e ?? t('import.file.uploadFailed', { status: xhr.status }));
        }
      };
      xhr.onerror = () => finish(null, t('import.file.unreachable'));
      xhr.onabort = () => finish(null, t('import.file.cancelled'));
      xhr.send(file);
    });
  }

  const cancel = () => current?.abort();
  return { upload, cancel, progress, error, uploading };
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : null;
  } catch {
    return null;
  }
}
