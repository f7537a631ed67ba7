// Any unknown address: a Swedish 404 page from the root error boundary.
export async function loader() {
  throw new Response("Sidan finns inte", { status: 404 });
}

export async function action() {
  throw new Response("Sidan finns inte", { status: 404 });
}

export default function NotFound() {
  return null;
}
