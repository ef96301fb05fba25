// A cumulative line chart drawn on the server as SVG (issue 11, section 2): readable
// without JavaScript, with a text alternative, and the numbers in a table beside it.

type Series = { label: string; values: number[]; className: string };

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

function niceMax(value: number) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const steps = [1, 2, 2.5, 5, 10];
  return (steps.find((s) => s * magnitude >= value) ?? 10) * magnitude;
}

export function LineChart({
  id,
  title,
  months,
  series,
  format,
}: {
  id: string;
  title: string;
  months: string[];
  series: Series[];
  format: (value: number) => string;
}) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (months.length <= 1 ? 0 : (i * innerW) / (months.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const latest = series.map((s) => `${s.label}: ${format(s.values.at(-1) ?? 0)}`).join("; ");
  return (
    <figure className="space-y-2" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title>{title}</title>
        <desc id={`${id}-desc`}>
          From {months[0]} to {months.at(-1)}, cumulative. Now {latest}.
        </desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(max * f)}
              y2={y(max * f)}
              className="stroke-line"
              strokeWidth={1}
            />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-muted text-[11px]">
              {format(max * f)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 8} className="fill-muted text-[11px]">
          {months[0]}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" className="fill-muted text-[11px]">
          {months.at(-1)}
        </text>
        {series.map((s) => (
          <polyline
            key={s.label}
            fill="none"
            strokeWidth={2.5}
            strokeLinejoin="round"
            className={s.className}
            points={s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      <p className="flex flex-wrap gap-4 text-xs text-muted">
        {series.map((s) => (
          <span key={s.label} className="flex items-center gap-1">
            <svg width="16" height="4" aria-hidden="true">
              <line x1="0" x2="16" y1="2" y2="2" strokeWidth="3" className={s.className} />
            </svg>
            {s.label}
          </span>
        ))}
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer">The numbers</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-left">
            <caption className="sr-only">{title}, month by month</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-4">
                  Month
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="pr-4 text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month, i) => (
                <tr key={month}>
                  <th scope="row" className="pr-4 font-normal">
                    {month}
                  </th>
                  {series.map((s) => (
                    <td key={s.label} className="pr-4 text-right tabular-nums">
                      {format(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
