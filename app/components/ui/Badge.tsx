import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "brand" | "success" | "warning" | "danger";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-canvas text-ink border-line",
  brand: "bg-brand-50 text-brand-800 border-brand-100",
  success: "bg-success-50 text-success-700 border-success-700/30",
  warning: "bg-warning-50 text-warning-800 border-warning-800/30",
  danger: "bg-danger-50 text-danger-700 border-danger-700/30",
};

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-semibold ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
