/**
 * Passwords at the top of public breach lists that are long enough to pass a
 * length check. Compared case-insensitively.
 */
export const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '123456789a', '0123456789', '0987654321', '1111111111', '1q2w3e4r5t', '1qaz2wsx3edc',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123',
  'password1234', 'password!1', 'passw0rd123', 'p@ssw0rd123', 'iloveyou12', 'iloveyou123', 'letmein123', 'welcome123',
  'welcome1234', 'sunshine123', 'princess123', 'football123', 'baseball123', 'superman123', 'batman1234', 'dragon1234',
  'monkey1234', 'starwars123', 'trustno1234', 'abc1234567', 'abcdefghij', 'abcd123456', 'aa12345678', 'a123456789',
  'changeme123', 'administrator', 'admin12345', 'admin123456', 'master1234', 'whatever123', 'computer123',
  'qazwsxedcrfv', 'michael123', 'jennifer123', 'shadow1234', 'ticketmaster', 'concert123', 'tickets123',
]);
