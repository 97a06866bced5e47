import { progressOf } from './progress';

describe('progressOf', () => {
  it.each`
    status                    | substatus                           | action   | history                                         | customs  | reached | steps | tone
    ${'label_created'}        | ${null}                             | ${false} | ${['label_created']}                            | ${true}  | ${0}    | ${5}  | ${'normal'}
    ${'unknown'}              | ${null}                             | ${false} | ${[]}                                           | ${false} | ${0}    | ${4}  | ${'normal'}
    ${'in_transit'}           | ${'in_transit.departed_facility'}   | ${false} | ${['label_created', 'in_transit']}              | ${true}  | ${1}    | ${5}  | ${'normal'}
    ${'customs'}              | ${'customs.duties_due'}             | ${true}  | ${['in_transit', 'customs']}                    | ${true}  | ${2}    | ${5}  | ${'attention'}
    ${'in_transit'}           | ${'in_transit.handed_to_last_mile'} | ${false} | ${['in_transit', 'customs', 'in_transit']}      | ${true}  | ${2}    | ${5}  | ${'normal'}
    ${'customs'}              | ${'customs.cleared'}                | ${false} | ${['in_transit', 'customs']}                    | ${false} | ${1}    | ${4}  | ${'normal'}
    ${'out_for_delivery'}     | ${null}                             | ${false} | ${['in_transit', 'out_for_delivery']}           | ${false} | ${2}    | ${4}  | ${'normal'}
    ${'delivery_attempted'}   | ${null}                             | ${false} | ${['out_for_delivery', 'delivery_attempted']}   | ${true}  | ${3}    | ${5}  | ${'attention'}
    ${'exception'}            | ${'exception.damaged'}              | ${false} | ${['in_transit', 'exception']}                  | ${true}  | ${1}    | ${5}  | ${'problem'}
    ${'exception'}            | ${'exception.delayed'}              | ${false} | ${['in_transit', 'exception']}                  | ${true}  | ${1}    | ${5}  | ${'attention'}
    ${'return_to_sender'}     | ${null}                             | ${false} | ${['in_transit', 'customs', 'return_to_sender']}| ${true}  | ${2}    | ${5}  | ${'returning'}
    ${'delivered'}            | ${'delivered.signed'}               | ${false} | ${['in_transit', 'out_for_delivery', 'delivered']} | ${true} | ${4}  | ${5}  | ${'done'}
    ${'exception'}            | ${'exception.refused'}              | ${true}  | ${['out_for_delivery', 'delivered', 'exception']} | ${false} | ${2}  | ${4}  | ${'problem'}
    ${'cancelled'}            | ${null}                             | ${false} | ${['label_created', 'cancelled']}               | ${false} | ${0}    | ${4}  | ${'cancelled'}
  `('$status after $history (customs: $customs) -> step $reached of $steps, $tone', ({ status, substatus, action, history, customs, reached, steps, tone }) => {
    const p = progressOf(status, substatus, action, history, customs);
    expect({ reached: p.reached, steps: p.steps.length, tone: p.tone }).toEqual({ reached, steps, tone });
  });
});
