/** `/me`: log in or sign up; logged in, the fan's account, seats on hold and bookings with their tickets. */
import './me.css';

import { useSession } from '../session';
import { Account } from './account';
import { LogInForm } from './log-in-form';
import { SignUpForm } from './sign-up-form';

export function MePage() {
  const { session } = useSession();
  if (session) return <Account />;
  return (
    <>
      <h1>Log in or sign up</h1>
      <div className="account-forms">
        <LogInForm />
        <SignUpForm />
      </div>
    </>
  );
}
