// Rules fed by JSON-schema validation against schemas/networkpolicy.schema.json.
import invalidType from './invalid-type';
import requiredField from './required-field';
import unknownField from './unknown-field';

export default [unknownField, invalidType, requiredField];
