/**
 * The main thread's side of the encoding worker (`encode-worker.ts`): hands it
 * the composed image (transferred, so the page keeps no copy) and gets file
 * bytes back — a PNG with its dpi, or a one-page PDF. A worker that fails to
 * start or dies rejects every pending request with a clear error (it would
 * otherwise never answer), and the next request starts a new one.
 */
import type { EncodeRequest, EncodeResponse } from './encode-worker.ts';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();

function fail(error: Error) {
  worker?.terminate();
  worker = undefined;
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function encoder(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./encode-worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (e: MessageEvent<EncodeResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.buffer) p.resolve(new Uint8Array(e.data.buffer));
    else p.reject(new Error(`encoding failed: ${e.data.error ?? 'no reason given'}`));
  });
  w.addEventListener('error', (e: ErrorEvent) => {
    e.preventDefault();
    fail(new Error(`the encoding worker failed${e.message ? `: ${e.message}` : ' (it could not start)'}`));
  });
  w.addEventListener('messageerror', () => fail(new Error('the encoding worker sent a message that could not be read')));
  return (worker = w);
}

/** Starts the worker ahead of the first export (its script loads while the user chooses). */
export function startEncoder(): void {
  try {
    encoder();
  } catch {
    // Reported by the export that needs it.
  }
}

type Job = { kind: 'png'; dpi: number } | { kind: 'pdf'; dpi: number; title: string; lang: string } | { kind: 'rgb'; dpi: number };

/** Encodes `bitmap` (which is transferred: do not use it afterwards); `rgb`: its pixels deflated, a page for `encodePages`. */
export function encodeImage(bitmap: ImageBitmap, job: Job): Promise<Uint8Array> {
  return send({ bitmap, ...job }, [bitmap], () => bitmap.close());
}

/** A PDF of pages deflated by `encodeImage(…, { kind: 'rgb' })` (their buffers are transferred). */
export function encodePages(job: { title: string; lang: string; pages: { width: number; height: number; dpi: number; deflatedRgb: Uint8Array }[] }): Promise<Uint8Array> {
  return send(
    { kind: 'pages', ...job },
    job.pages.map((p) => p.deflatedRgb.buffer as ArrayBuffer),
  );
}

type Body = EncodeRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

function send(body: Body, transfer: Transferable[], onFail: () => void = () => undefined): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    let w: Worker;
    try {
      w = encoder();
    } catch (e) {
      onFail();
      reject(new Error(`the encoding worker could not start: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    const id = ++nextId;
    pending.set(id, { resolve, reject });
    const request = { id, ...body };
    w.postMessage(request, transfer);
  });
}
