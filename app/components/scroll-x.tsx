/**
 * A wrapper that lets a wide table scroll sideways. When (and only when) its content is wider than the
 * box, it becomes a named, focusable region, so keyboard users can scroll it with the arrow keys
 * (WCAG 2.1.1; axe “scrollable-region-focusable”) and it adds no tab stop when nothing scrolls.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useT } from "./i18n";

export function ScrollX({ title, className = "", children }: { title: string; className?: string; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className={`overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500 ${className}`}
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": t("a11y.scrollTable", { title }) } : {})}
    >
      {children}
    </div>
  );
}
