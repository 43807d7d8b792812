/** Log in with email and password; the session starts at once (the app swaps to a client with the token). */
import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';

import { WebLogInDocument } from '../generated/graphql';
import { useSession } from '../session';
import { TextField } from './text-field';
import { describeError, errorsByField } from './user-errors';

const FIELDS = ['email', 'password'];

export function LogInForm({ heading = 'Log in', level = 2 }: { heading?: string; level?: 2 | 3 }) {
  const { logIn } = useSession();
  const [{ fetching }, execute] = useMutation(WebLogInDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await execute({ input: { email: String(form.get('email')), password: String(form.get('password')) } });
    const payload = result.data?.logIn;
    if (payload?.token && payload.expiresAt) logIn({ token: payload.token, expiresAt: payload.expiresAt });
    else setErrors(result.error ? { '': describeError(result.error) } : errorsByField(payload?.userErrors ?? [], FIELDS));
  }

  return (
    <form className="account-form" onSubmit={submit} aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      {errors[''] && (
        <p className="error" role="alert">
          {errors['']}
        </p>
      )}
      <button type="submit" className="primary" disabled={fetching}>
        Log in
      </button>
    </form>
  );
}
