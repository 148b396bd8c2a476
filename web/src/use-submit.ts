import { useState, type FormEvent } from 'react';

/**
 * A form submission: busy while the request runs, its refusal kept to show with <ErrorMessage>, `done` called
 * with the answer. The form is left as typed when refused (nothing was changed on the server).
 */
export function useSubmit<T>(send: () => Promise<T>, done: (answer: T) => void = () => {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      done(await send());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run();
  };
  return { busy, error, submit };
}
