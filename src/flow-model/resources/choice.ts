/** Parses `<choices>`. */
import type { ChoiceResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseTemplate } from '../references.js';
import { parseDataType, parseElementBase, parseValueTag } from '../values.js';
import { bool, child, text, type XmlNode } from '../xml-node.js';

/** A choice: label, value, and an optional text input (`userInput`). */
export function parseChoice(node: XmlNode, context: ParseContext): ChoiceResource {
  const { name } = parseElementBase(node, context, 'choice');
  const userInput = child(node, 'userInput');
  const prompt = userInput === undefined ? undefined : text(userInput, 'promptText');
  return {
    kind: 'choice',
    name,
    label: parseTemplate(text(node, 'choiceText') ?? ''),
    dataType: parseDataType(node, context, name, `Choice "${name}"`),
    value: parseValueTag(node, 'value', context, name),
    userInput:
      userInput === undefined
        ? undefined
        : { label: prompt === undefined ? undefined : parseTemplate(prompt), required: bool(userInput, 'isRequired', false) },
  };
}
