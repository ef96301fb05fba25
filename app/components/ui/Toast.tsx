import { useEffect, useState } from "react";

export type ToastMessage = { kind: "success" | "error" | "info"; message: string };

const tones = {
  success: "border-success-700 bg-success-50 text-success-700",
  error: "border-danger-700 bg-danger-50 text-danger-700",
  info: "border-brand-700 bg-brand-50 text-brand-800",
};

/** Shows a flash message after a redirect; announced by screen readers, dismissible. */
export function Toast({ toast }: { toast: ToastMessage | null }) {
  const [visible, setVisible] = useState(Boolean(toast));
  useEffect(() => setVisible(Boolean(toast)), [toast]);
  if (!toast || !visible) return null;
  return (
    <div
      role={toast.kind === "error" ? "alert" : "status"}
      className={`mx-auto mb-4 flex max-w-5xl items-start justify-between gap-4 rounded-md border px-4 py-3 text-sm ${tones[toast.kind]}`}
    >
      <span>{toast.message}</span>
      <button
        type="button"
        onClick={() => setVisible(false)}
        className="font-semibold underline"
        aria-label="Dismiss message"
      >
        ×
      </button>
    </div>
  );
}
