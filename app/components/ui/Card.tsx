import type { HTMLAttributes, ReactNode } from "react";

export function Card({ className = "", ...props }: HTMLAttributes<HTMLElement>) {
  return (
    <section className={`rounded-lg border border-line bg-paper p-5 shadow-xs ${className}`} {...props} />
  );
}

export function CardHeader({
  title,
  action,
  level = 2,
}: {
  title: ReactNode;
  action?: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <Heading className="text-lg font-semibold">{title}</Heading>
      {action}
    </div>
  );
}
