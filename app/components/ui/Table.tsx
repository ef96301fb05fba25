import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A data table that scrolls sideways on narrow screens instead of overflowing the page. */
export function Table({
  caption,
  children,
  className = "",
  minWidth = "min-w-[36rem]",
}: {
  caption: string;
  children: ReactNode;
  className?: string;
  /** Below this width the table scrolls inside its frame rather than squeezing its cells. */
  minWidth?: string;
}) {
  return (
    <div className={`relative overflow-x-auto rounded-lg border border-line bg-paper ${className}`}>
      <table className={`w-full border-collapse text-left text-sm ${minWidth}`}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`border-b border-line bg-canvas px-4 py-2 font-semibold ${className}`}
      {...props}
    />
  );
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={`border-b border-line px-4 py-3 align-top ${className}`} {...props} />;
}

export function Tr(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}
