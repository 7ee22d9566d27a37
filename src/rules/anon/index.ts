import type { Rule } from '../../lint/rule.js';
import { identity } from './identity.js';
import { identityHashed } from './identity-hashed.js';
import { identityVariant } from './identity-variant.js';
import { unreadableFile } from './unreadable-file.js';
import { binaryFile } from './binary-file.js';
import { nhsNumber } from './nhs-number.js';
import { nino } from './nino.js';
import { postcode } from './postcode.js';
import { phone } from './phone.js';
import { email } from './email.js';
import { dateOfBirth } from './date-of-birth.js';
import { streetAddress } from './street-address.js';
import { personName } from './person-name.js';
import { practitionerName } from './practitioner-name.js';
import { unknownSubject } from './unknown-subject.js';

/** The anon/* rules. */
export const anonRules: Rule[] = [
  identity, identityVariant, identityHashed, unreadableFile, binaryFile, nhsNumber, nino, postcode, phone, email, dateOfBirth, streetAddress, personName, practitionerName, unknownSubject,
];
