import { Link } from "@remix-run/react";

const copy: Record<number, { title: string; body: string }> = {
  403: {
    title: "You can't open this page",
    body: "Your account does not have access to it. If you think it should, ask an admin of the organization.",
  },
  404: { title: "Page not found", body: "The page may have moved, or the address may be mistyped." },
  429: {
    title: "Slow down a little",
    body: "Too many requests in a short time. Wait a moment and try again.",
  },
  500: {
    title: "Something went wrong on our side",
    body: "The error has been logged. Try again in a moment; nothing you saved was lost.",
  },
};

export function ErrorPage({ status, detail }: { status: number; detail?: string }) {
  const text = copy[status] ?? copy[500]!;
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h1 className="mt-2">{text.title}</h1>
      <p className="mt-4 text-muted">{detail && status !== 500 ? detail : text.body}</p>
      <p className="mt-8">
        <Link to="/">Back to the home page</Link>
      </p>
    </div>
  );
}
