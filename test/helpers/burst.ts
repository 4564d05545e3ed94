/**
 * A burst of exam autosaves against a running test server, recording exactly which saves the server
 * acknowledged, so a test can kill or stop the server mid-burst and then check that every
 * acknowledged save is in the database.
 */
import { insertExam } from "@db/queries/exams";
import { sqliteClient, type Db } from "@db/client";
import { Browserish, createUser, type TestServer } from "./server";

export interface Sitting {
  browser: Browserish;
  attemptId: string;
  positions: number[];
}

/** Learners each sitting an exam of `questions` true/false questions (drawn from the generated bank). */
export async function sittings(server: TestServer, learners: number, questions = 10): Promise<Sitting[]> {
  const examId = await insertExam(
    server.db,
    {
      title: `连续保存测试 ${Date.now()}`,
      description: null,
      blueprint: [{ count: questions, points: 1, types: ["true_false"] }],
      timeLimitMinutes: 60,
      passPercent: 60,
      attemptsAllowed: 1,
      opensAt: null,
      closesAt: null,
      shuffleQuestions: false,
      shuffleOptions: false,
      multipleScoring: "all-or-nothing",
      reviewMode: "score",
      reviewFrom: null,
      certificateName: null,
      certificateValidityMonths: null,
      audience: "everyone",
      status: "published",
      createdBy: null,
    },
    [],
    Date.now(),
  );
  const out: Sitting[] = [];
  for (let i = 0; i < learners; i++) {
    const no = `B${examId}${String(i).padStart(3, "0")}`;
    await createUser(server.db, { employeeNo: no, password: "burst-pass-1" });
    const browser = new Browserish(server.url);
    await browser.login(no, "burst-pass-1");
    const start = await browser.post(`/exams/${examId}`, { intent: "start" });
    const attemptId = /\/attempts\/([^/?]+)/.exec(start.headers.get("location") ?? "")?.[1];
    if (!attemptId) throw new Error(`could not start an attempt: ${start.status}`);
    const positions = (sqliteClient(server.db).prepare("select position from attempt_items where attempt_id = ? order by position").all(attemptId) as { position: number }[]).map((r) => r.position);
    out.push({ browser, attemptId, positions });
  }
  return out;
}

export interface Burst {
  /** Per attempt and position: the highest acknowledged seq. */
  acked: Map<string, Map<number, number>>;
  /** Per attempt: what was sent with each seq (acknowledged or not). */
  sent: Map<string, Map<number, boolean>>;
  ackCount: () => number;
  /** Resolves once `n` saves have been acknowledged (or rejects if the burst ended first). */
  acknowledged: (n: number) => Promise<void>;
  /** Resolves when every worker has stopped (each stops at its first failed request). */
  done: Promise<void>;
  stop: () => void;
}

/** `workers` concurrent save loops per sitting; each loop ends at its first refused or failed request. */
export function startBurst(list: Sitting[], workers = 3): Burst {
  const acked = new Map<string, Map<number, number>>();
  const sent = new Map<string, Map<number, boolean>>();
  let count = 0;
  let stopped = false;
  const waiters: { n: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) if (count >= w.n) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  };
  const loops: Promise<void>[] = [];
  for (const s of list) {
    acked.set(s.attemptId, new Map());
    sent.set(s.attemptId, new Map());
    let seq = 0;
    for (let w = 0; w < workers; w++) {
      loops.push(
        (async () => {
          while (!stopped) {
            const mySeq = ++seq;
            const position = s.positions[mySeq % s.positions.length];
            const response = mySeq % 2 === 0;
            sent.get(s.attemptId)!.set(mySeq, response);
            let ok = false;
            try {
              const res = await s.browser.request(`/attempts/${s.attemptId}/save`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ intent: "save", position, response, seq: mySeq }),
              });
              const body = (await res.json().catch(() => null)) as { ok?: boolean } | null;
              ok = res.status === 200 && body?.ok === true;
            } catch {
              ok = false;
            }
            if (!ok) return;
            const m = acked.get(s.attemptId)!;
            m.set(position, Math.max(m.get(position) ?? 0, mySeq));
            count++;
            notify();
          }
        })(),
      );
    }
  }
  const done = Promise.all(loops).then(() => {
    stopped = true;
    for (const w of waiters.splice(0)) w.resolve();
  });
  return {
    acked,
    sent,
    ackCount: () => count,
    acknowledged: (n) =>
      new Promise<void>((resolve, reject) => {
        if (count >= n) return resolve();
        waiters.push({
          n,
          resolve: () => (count >= n ? resolve() : reject(new Error(`burst ended after ${count} acknowledged saves`))),
        });
      }),
    done,
    stop: () => {
      stopped = true;
    },
  };
}

/** Every acknowledged save is in the database: the stored seq is at least the acknowledged one, and the
 *  stored answer is the one sent with the stored seq. Returns the number of slots checked. */
export function missingAcknowledged(db: Db, burst: Burst): { checked: number; missing: string[] } {
  const missing: string[] = [];
  let checked = 0;
  const stmt = sqliteClient(db).prepare("select response, response_seq as seq from attempt_items where attempt_id = ? and position = ?");
  for (const [attemptId, positions] of burst.acked) {
    for (const [position, seq] of positions) {
      checked++;
      const row = stmt.get(attemptId, position) as { response: string | null; seq: number } | undefined;
      const expected = row ? burst.sent.get(attemptId)!.get(row.seq) : undefined;
      if (!row || row.seq < seq || row.response !== JSON.stringify(expected))
        missing.push(`${attemptId}#${position}: acknowledged seq ${seq}, stored ${row ? `${row.seq} ${row.response}` : "nothing"}`);
    }
  }
  return { checked, missing };
}

/** True when nothing accepts connections at the URL any more. */
export async function refusesConnections(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return false;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === "ECONNREFUSED";
  }
}
