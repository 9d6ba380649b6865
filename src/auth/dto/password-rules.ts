import { IsString, Length, registerDecorator } from 'class-validator';
import { isCommonPassword } from '../common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * The rules for every password a person chooses (registration, change, reset): at least 10 characters
 * and not one of the 10,000 most common passwords, which are the first ones an attacker tries.
 */
export function IsNewPassword(): PropertyDecorator {
  return (target, property) => {
    IsString()(target, property);
    Length(PASSWORD_MIN_LENGTH, 200, { message: `Please choose a password of at least ${PASSWORD_MIN_LENGTH} characters` })(target, property);
    registerDecorator({
      name: 'isNotCommonPassword',
      target: target.constructor,
      propertyName: String(property),
      options: { message: 'This password is too common: it is on the list of passwords attackers try first. Please choose another.' },
      // A short password gets the length message alone (many short ones are common too).
      validator: { validate: (value: unknown) => typeof value === 'string' && (value.length < PASSWORD_MIN_LENGTH || !isCommonPassword(value)) },
    });
  };
}
