/** A new account (a fan), logged in at once. */
import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';

import { WebSignUpDocument } from '../generated/graphql';
import { useSession } from '../session';
import { TextField } from './text-field';
import { describeError, errorsByField } from './user-errors';

const FIELDS = ['name', 'email', 'password'];

export function SignUpForm() {
  const { logIn } = useSession();
  const [{ fetching }, execute] = useMutation(WebSignUpDocument);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get('name')), email: String(form.get('email')), password: String(form.get('password')) };
    const result = await execute({ input });
    const payload = result.data?.signUp;
    if (payload?.token && payload.expiresAt) logIn({ token: payload.token, expiresAt: payload.expiresAt });
    else setErrors(result.error ? { '': describeError(result.error) } : errorsByField(payload?.userErrors ?? [], FIELDS));
  }

  return (
    <form className="account-form" onSubmit={submit} aria-labelledby={headingId}>
      <h2 id={headingId}>Sign up</h2>
      <TextField label="Name" name="name" autoComplete="name" required error={errors.name} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <TextField
        label="Password (at least 10 characters)"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        error={errors.password}
      />
      {errors[''] && (
        <p className="error" role="alert">
          {errors['']}
        </p>
      )}
      <button type="submit" className="primary" disabled={fetching}>
        Sign up
      </button>
    </form>
  );
}
