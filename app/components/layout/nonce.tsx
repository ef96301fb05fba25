import { createContext, useContext } from "react";

// The CSP nonce of the current response, for <Scripts> and friends.
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
