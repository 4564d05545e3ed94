/**
 * 交卷 confirmation: a modal <dialog> (the rest of the page is inert), focus kept inside with Tab and
 * Shift+Tab, Esc closes, focus returns to the button that opened it. Lists the unanswered questions.
 */
import { useEffect, useRef } from "react";
import { useRootData, useT } from "~/components/i18n";
import { numberList } from "./format";

export function SubmitDialog({
  open,
  unanswered,
  flagged,
  unsaved,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  /** Question numbers (1-based). */
  unanswered: number[];
  flagged: number[];
  /** Answers not yet on the server. */
  unsaved: number;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const locale = useRootData()?.locale ?? "zh";
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const restoreFocus = () => {
    const el = opener.current as HTMLElement | null;
    if (el && typeof el.focus === "function" && el.isConnected) el.focus();
  };

  function trapTab(e: React.KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== "Tab") return;
    const focusable = Array.from(
      e.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])'),
    );
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby="submit-dialog-title"
      aria-describedby="submit-dialog-body"
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Esc: close through React state so it stays in step.
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onClose={restoreFocus}
      data-testid="submit-dialog"
    >
      <h2 id="submit-dialog-title" className="mb-3 text-lg font-bold">
        {t("exams.sit.dialog.title")}
      </h2>
      <div id="submit-dialog-body" className="space-y-2">
        {unanswered.length ? (
          <p className="font-semibold text-red-800" data-testid="unanswered-list">
            {t("exams.sit.dialog.unanswered", { count: unanswered.length, list: numberList(unanswered, locale) })}
          </p>
        ) : (
          <p data-testid="unanswered-list">{t("exams.sit.dialog.allAnswered")}</p>
        )}
        {flagged.length ? <p>{t("exams.sit.dialog.flagged", { list: numberList(flagged, locale) })}</p> : null}
        {unsaved ? <p className="text-red-800">{t("exams.sit.dialog.unsaved", { n: unsaved })}</p> : null}
        <p className="text-sm text-slate-700">{t("exams.sit.dialog.note")}</p>
      </div>
      <div className="mt-5 flex flex-wrap justify-end gap-3">
        <button ref={cancelRef} type="button" className="btn-secondary" onClick={onCancel} disabled={busy}>
          {t("exams.sit.dialog.cancel")}
        </button>
        <button type="button" className="btn" onClick={onConfirm} disabled={busy}>
          {busy ? t("exams.sit.submitting") : t("exams.sit.dialog.confirm")}
        </button>
      </div>
    </dialog>
  );
}
