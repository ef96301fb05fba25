import { notFound } from "~/lib/http.server";

// Any unknown address: the root error boundary renders the friendly 404.
export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
