import { AsyncLocalStorage } from "node:async_hooks";

// Marks code that runs inside an open database transaction (issue 9, section 2), so
// the payments client can refuse to call Stripe there: a network call inside a
// transaction holds row locks for its whole duration and, when the transaction rolls
// back, leaves Stripe holding money that PostgreSQL forgot.

const openTransaction = new AsyncLocalStorage<true>();

export function runInTransactionContext<T>(work: () => T): T {
  return openTransaction.run(true, work);
}

export function insideTransaction() {
  return openTransaction.getStore() === true;
}
