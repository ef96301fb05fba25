/** A labelled progress bar; `value` and `max` are integers (e.g. minor units). */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max > 0 ? Math.min(100, Math.floor((value * 100) / max)) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-brand-100"
      >
        {/* Drawn as SVG: a width in a style attribute is blocked by the strict CSP (no inline styles). */}
        <svg
          className="block h-full w-full"
          viewBox="0 0 100 10"
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <rect width={percent} height="10" className="fill-brand-700" />
        </svg>
      </div>
    </div>
  );
}
