/**
 * Time left, from the server's deadline and the page's estimate of the server's time (never from the
 * browser's wall clock). role="timer" is not announced on every tick; a separate live region says
 * "10 分钟" and "1 分钟" once, when those marks are crossed.
 */
import { useEffect, useRef, useState } from "react";
import { useT } from "~/components/i18n";
import { crossedThreshold, formatRemaining } from "./server-clock";

export function Countdown({
  deadline,
  initialLeft,
  serverNow,
  onExpire,
}: {
  deadline: number;
  /** Time left when the page was rendered (deadline − the loader's serverNow): same on server and client. */
  initialLeft: number;
  /** The server's time now, as estimated by the page. Stable identity. */
  serverNow: () => number;
  onExpire: () => void;
}) {
  const t = useT();
  const [left, setLeft] = useState(initialLeft);
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(initialLeft);
  const expired = useRef(false);
  const onExpireRef = useRef(onExpire);
  onExpireRef.current = onExpire;

  useEffect(() => {
    const tick = () => {
      const l = deadline - serverNow();
      const crossed = crossedThreshold(previous.current, l);
      if (crossed !== null) setAnnouncement(t(crossed >= 600_000 ? "exams.sit.announce10" : "exams.sit.announce1"));
      previous.current = l;
      setLeft((old) => (Math.ceil(old / 1000) === Math.ceil(l / 1000) ? old : l));
      if (l > 0) expired.current = false;
      else if (!expired.current) {
        expired.current = true;
        onExpireRef.current();
      }
    };
    tick();
    const id = setInterval(tick, 250);
    return () => clearInterval(id);
    // `t` changes identity every render; the locale does not change while sitting.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadline, serverNow]);

  const tone = left <= 60_000 ? "border-red-400 bg-red-50 text-red-800" : left <= 600_000 ? "border-amber-400 bg-amber-50 text-amber-900" : "border-slate-300 bg-white text-slate-900";
  return (
    <div className={`flex items-center gap-2 rounded-md border px-3 py-1 ${tone}`}>
      <span id="time-left-label" className="text-xs font-semibold">
        {t("exams.sit.timeLeft")}
      </span>
      <span role="timer" aria-labelledby="time-left-label" data-testid="time-left" className="font-mono text-lg font-bold tabular-nums">
        {formatRemaining(left)}
      </span>
      <span className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="timer-announcement">
        {announcement}
      </span>
    </div>
  );
}
