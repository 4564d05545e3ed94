/**
 * Autosave for an exam attempt (browser side). Every answer is queued in localStorage (keyed by the
 * attempt) before it is sent, so neither a failed request nor a closed tab loses it; the queue logic is
 * pure and lives in ~/domain/autosave-queue.
 *
 * - One request in flight per question; a newer answer waits for it and then goes (the server keeps
 *   only the highest seq anyway).
 * - Network failures, 5xx, 408 and 429 stay queued and are retried with back-off, and at once on 'online'.
 * - 409 (deadline passed or already submitted) closes the queue and tells the page.
 * - 401 or a redirect (the session ended) keeps the answers queued and tells the page.
 * - Any other 4xx (400 wrong shape, 413 too large, 403, 404…, with or without a JSON body) refuses that
 *   answer for good, never retried; the question shows "未保存" with the reason (translated by its
 *   `messageKey` when the reply has one).
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import {
  acknowledge,
  discard,
  dueSaves,
  enqueue,
  failedCount,
  markFailed,
  nextDueAt,
  nextSeq,
  parseQueue,
  reconcile,
  retryAllNow,
  serializeQueue,
  type PendingSave,
} from "~/domain/autosave-queue";
import { MAX_AUTOSAVE_BODY } from "~/domain/autosave-body";

export type SaveState = "idle" | "saving" | "saved" | "unsaved" | "rejected";

export interface ServerItemState {
  position: number;
  /** Highest seq the server has stored for this question (0 = none). */
  seq: number;
  /** The server holds an answer for it. */
  saved: boolean;
}

export interface AutosaveCallbacks {
  /** The server will take no more answers (deadline passed, or submitted elsewhere). */
  onClosed: (reason: "deadline" | "submitted", message: string) => void;
  /** A reply carried the server's time: a sample for the page's clock. */
  onServerTime: (serverTime: number, sentAt: number, receivedAt: number) => void;
  /** A reply carried the attempt's deadline (a trainer may have granted extra time). */
  onDeadline?: (deadline: number) => void;
}

export const storageKeys = (attemptId: string) => ({
  queue: `kefu.exam.${attemptId}.queue`,
  seq: `kefu.exam.${attemptId}.seq`,
});

function storageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
function storageSet(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private mode or full: the in-memory queue still retries while the page is open.
  }
}

/** Forget what this browser kept for an attempt (after it was submitted). */
export function clearAttemptStorage(attemptId: string) {
  try {
    const k = storageKeys(attemptId);
    window.localStorage.removeItem(k.queue);
    window.localStorage.removeItem(k.seq);
  } catch {
    // nothing to clear
  }
}

const monotonic = () => performance.now();

/** Why the server refused an answer: its message, and a catalogue key (with values) to show it in the reader's language. */
export interface Rejection {
  status: number;
  message: string;
  key?: string;
  vars?: Record<string, string | number>;
}

export function rejectionFrom(status: number, body: Record<string, unknown> | null): Rejection {
  const message = typeof body?.message === "string" ? body.message : "";
  const key = typeof body?.messageKey === "string" ? body.messageKey : status === 413 ? "autosave.error.tooLarge" : undefined;
  const vars =
    body?.messageVars && typeof body.messageVars === "object"
      ? (body.messageVars as Record<string, string | number>)
      : status === 413
        ? { max: MAX_AUTOSAVE_BODY }
        : undefined;
  return { status, message, key, vars };
}

/** POST a JSON body to a resource route; resolves with the status and parsed body, or rejects on a network failure. */
export async function postJson(url: string, body: unknown, init: { keepalive?: boolean } = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
    redirect: "manual",
    keepalive: init.keepalive,
  });
  let json: Record<string, unknown> | null = null;
  if (res.type !== "opaqueredirect") {
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {
      json = null;
    }
  }
  return { status: res.status, redirected: res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400), body: json };
}

export class AutosaveController {
  queue: PendingSave[] = [];
  signedOut = false;
  closed = false;
  callbacks: AutosaveCallbacks;
  private inFlight = new Map<number, number>();
  private saved: Set<number>;
  private rejected = new Map<number, Rejection>();
  private lastSeq = 0;
  private serverMax: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<() => void>();
  private version = 0;
  private running = false;

  constructor(
    private readonly attemptId: string,
    private readonly saveUrl: string,
    private readonly server: ServerItemState[],
    callbacks: AutosaveCallbacks,
  ) {
    this.callbacks = callbacks;
    this.saved = new Set(server.filter((s) => s.saved).map((s) => s.position));
    this.serverMax = server.reduce((m, s) => Math.max(m, s.seq), 0);
  }

  // --- store protocol for useSyncExternalStore ---
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getVersion = () => this.version;
  private emit() {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Load what an earlier visit left unsaved; returns the answers that are newer than the server's. */
  start(): PendingSave[] {
    this.running = true;
    const keys = storageKeys(this.attemptId);
    this.lastSeq = Math.max(this.lastSeq, Number(storageGet(keys.seq)) || 0);
    const stored = parseQueue(storageGet(keys.queue));
    // Keep anything typed since the page opened, then what the last visit left that the server lacks.
    let queue = reconcile(stored, this.server);
    for (const e of this.queue) queue = enqueue(queue, e);
    this.queue = queue;
    this.persist();
    this.emit();
    this.pump();
    return this.queue;
  }

  stop() {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  save(position: number, response: unknown) {
    if (this.closed) return;
    const seq = nextSeq(this.lastSeq, this.serverMax);
    this.lastSeq = seq;
    storageSet(storageKeys(this.attemptId).seq, String(seq));
    this.rejected.delete(position);
    this.queue = enqueue(this.queue, { position, response, seq });
    this.persist();
    this.emit();
    this.pump();
  }

  retryNow() {
    this.queue = retryAllNow(this.queue);
    this.emit();
    this.pump();
  }

  /** Try to empty the queue (before submitting). True if everything reached the server in time. */
  flush(timeoutMs: number): Promise<boolean> {
    this.retryNow();
    const started = monotonic();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.queue.length) resolve(true);
        else if (this.closed || monotonic() - started >= timeoutMs) resolve(false);
        else setTimeout(check, 100);
      };
      check();
    });
  }

  stateOf(position: number): SaveState {
    const entry = this.queue.find((e) => e.position === position);
    if (entry) return entry.failures > 0 ? "unsaved" : "saving";
    if (this.rejected.has(position)) return "rejected";
    return this.saved.has(position) ? "saved" : "idle";
  }

  rejectionOf(position: number): Rejection | undefined {
    return this.rejected.get(position);
  }

  get failed(): number {
    return failedCount(this.queue);
  }

  get pending(): number {
    return this.queue.length;
  }

  private persist() {
    storageSet(storageKeys(this.attemptId).queue, serializeQueue(this.queue));
  }

  private pump() {
    if (!this.running || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = monotonic();
    for (const e of dueSaves(this.queue, now)) if (!this.inFlight.has(e.position)) void this.send(e);
    const waiting = nextDueAt(this.queue.filter((e) => !this.inFlight.has(e.position)));
    if (waiting !== null) this.timer = setTimeout(() => this.pump(), Math.max(50, waiting - now));
  }

  private async send(e: PendingSave) {
    this.inFlight.set(e.position, e.seq);
    const sentAt = monotonic();
    try {
      const r = await postJson(this.saveUrl, { intent: "save", position: e.position, response: e.response, seq: e.seq });
      const receivedAt = monotonic();
      if (r.redirected || r.status === 401) {
        this.signedOut = true;
        this.queue = markFailed(this.queue, e.position, e.seq, monotonic());
      } else if (r.status === 200 && r.body?.ok === true) {
        this.signedOut = false;
        this.queue = acknowledge(this.queue, e.position, e.seq);
        this.saved.add(e.position);
        if (typeof r.body.savedAt === "number") this.callbacks.onServerTime(r.body.savedAt, sentAt, receivedAt);
        if (typeof r.body.deadline === "number") this.callbacks.onDeadline?.(r.body.deadline);
      } else if (r.status === 409) {
        this.closed = true;
        const code = r.body?.code === "submitted" ? "submitted" : "deadline";
        this.callbacks.onClosed(code, typeof r.body?.message === "string" ? r.body.message : "");
      } else if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        // A refusal: sending the same answer again would be refused again.
        this.queue = discard(this.queue, e.position, e.seq);
        this.rejected.set(e.position, rejectionFrom(r.status, r.body));
      } else {
        this.queue = markFailed(this.queue, e.position, e.seq, monotonic());
      }
    } catch {
      this.queue = markFailed(this.queue, e.position, e.seq, monotonic());
    } finally {
      this.inFlight.delete(e.position);
      this.persist();
      this.emit();
      this.pump();
    }
  }
}

/**
 * The autosave controller of one attempt, re-rendering the page when a save's state changes.
 * `onRestore` receives answers an earlier visit left unsaved (newer than the server's), once mounted.
 */
export function useAutosave(options: {
  attemptId: string;
  saveUrl: string;
  server: ServerItemState[];
  callbacks: AutosaveCallbacks;
  onRestore: (entries: PendingSave[]) => void;
}): AutosaveController {
  const [controller] = useState(() => new AutosaveController(options.attemptId, options.saveUrl, options.server, options.callbacks));
  controller.callbacks = options.callbacks;
  useSyncExternalStore(controller.subscribe, controller.getVersion, () => 0);
  const { onRestore } = options;
  useEffect(() => {
    const restored = controller.start();
    if (restored.length) onRestore(restored);
    const online = () => controller.retryNow();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      controller.stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller]);
  return controller;
}
