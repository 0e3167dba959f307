/**
 * `SalesforceLabs__AnimalShelterStarter/Animal_Breeds_Migration_Flow.flow-meta.xml`: move animals
 * from breed picklists to Breed records. A `$Setup` custom setting guards it; a loop over the
 * animals filters the active breeds (a collection filter) and loops over the matches, collects the
 * updates, updates them all (with a fault path), reports unmatched animals, and can create the
 * setting that marks the migration complete.
 */
import { expect, it } from 'vitest';
import { MemoryRecords } from '../engine/support/memory-records.js';
import type { ScriptOptions } from '../engine/support/harness.js';
import { describeWithShared } from '../support/shared-folder.js';
import { corpusFlow } from './support/corpus.js';
import { FailingRecords } from './support/failing-records.js';
import { runBothWays } from './support/run-both-ways.js';
import { fieldOf, screenText } from './support/screen-fields.js';

const FLOW = corpusFlow('SalesforceLabs__AnimalShelterStarter/Animal_Breeds_Migration_Flow.flow-meta.xml');
const NOT_COMPLETE = { setup: { Animal_Shelter_Settings__c: { Breeds_Migration_Complete__c: false } } };

interface Shelter {
  readonly records: MemoryRecords;
  readonly breeds: Record<string, string>;
  readonly animals: Record<string, string>;
}

/** Active Beagle and Siamese breeds, an inactive Poodle; animals to migrate (and one done already). */
function shelter(records: MemoryRecords = new MemoryRecords(), extraAnimals: Record<string, { Type__c: string; Breed__c: string }> = {}): Shelter {
  const breeds = {
    beagle: records.insert('Breed__c', { Active__c: true, Type__c: 'Dog', Species__c: 'Beagle' }),
    siamese: records.insert('Breed__c', { Active__c: true, Type__c: 'Cat', Species__c: 'Siamese' }),
    poodle: records.insert('Breed__c', { Active__c: false, Type__c: 'Dog', Species__c: 'Poodle' }),
  };
  const animals: Record<string, string> = {
    rex: records.insert('Animal__c', { Name: 'Rex', SYSTEM_Breed_Migrated__c: false, Type__c: 'Dog', Breed__c: 'Beagle' }),
    tom: records.insert('Animal__c', { Name: 'Tom', SYSTEM_Breed_Migrated__c: false, Type__c: 'Cat', Breed__c: 'Siamese' }),
    old: records.insert('Animal__c', { Name: 'Old', SYSTEM_Breed_Migrated__c: true, Type__c: 'Dog', Breed__c: 'Beagle', Breed_Lookup__c: 'a0X000000000001AAA' }),
  };
  for (const [name, fields] of Object.entries(extraAnimals)) animals[name] = records.insert('Animal__c', { Name: name, SYSTEM_Breed_Migrated__c: false, ...fields });
  return { records, breeds, animals };
}

function options(records: MemoryRecords, screens: ScriptOptions['screens']): ScriptOptions {
  return { records, context: NOT_COMPLETE, screens };
}

describeWithShared('Animal - Breeds Migration Flow', () => {
  it('links every animal to its active breed record, then marks the migration complete', async () => {
    let made: Shelter | undefined;
    const run = await runBothWays(FLOW, () => {
      made = shelter();
      return options(made.records, [
        { screen: 'Confirm_Migration_Screen', values: { Check_the_box_to_continue: true } },
        { screen: 'No_Match_Errors_Screen', values: { Confirm_to_mark_migration_as_complete: true } },
      ]);
    });
    const { breeds, animals } = made!;

    expect(run.status).toBe('finished');
    const confirm = run.screens[0]!;
    expect(screenText(confirm)).toContain('This process will update all Animal records to use the new Breeds object.');
    expect(fieldOf(confirm, 'Check_the_box_to_continue')).toMatchObject({ inputType: 'checkbox', value: null, required: false });
    expect(screenText(run.screens[1]!)).toContain('All Animal records have been successfully migrated.');
    // The No_Match_Errors screen has a connector (to a decision whose default path ends the flow): Next.
    expect(run.screens[1]?.actions).toEqual(['NEXT']);

    const byId = (id: string): Record<string, unknown> | undefined => run.records.byId(id);
    expect(byId(animals.rex!)).toMatchObject({ SYSTEM_Breed_Migrated__c: true, Breed_Lookup__c: breeds.beagle });
    expect(byId(animals.tom!)).toMatchObject({ SYSTEM_Breed_Migrated__c: true, Breed_Lookup__c: breeds.siamese });
    // Already migrated: not selected, not touched.
    expect(byId(animals.old!)).toMatchObject({ Breed_Lookup__c: 'a0X000000000001AAA' });
    expect(run.vars.MigrationErrors ?? false).toBe(false);
    expect(run.records.log).toEqual(['query Animal__c', 'query Breed__c', 'update 2', 'create Animal_Shelter_Settings__c']);
    expect(run.records.all('Animal_Shelter_Settings__c').map((setting) => setting.Breeds_Migration_Complete__c)).toEqual([true]);
  });

  it('updates the animals it can match and reports the others, which keep their picklist breed', async () => {
    let made: Shelter | undefined;
    const run = await runBothWays(FLOW, () => {
      made = shelter(new MemoryRecords(), { Fifi: { Type__c: 'Dog', Breed__c: 'Poodle' }, Nemo: { Type__c: 'Fish', Breed__c: 'Clownfish' } });
      return options(made.records, [{ values: { Check_the_box_to_continue: true } }, { screen: 'Match_Errors_Screen' }]);
    });
    const { breeds, animals } = made!;
    expect(run.screens.map((screen) => screen.name)).toEqual(['Confirm_Migration_Screen', 'Match_Errors_Screen']);
    expect(screenText(run.screens[1]!)).toContain('One or More Animal record(s) with Type and Breed set were unable to be matched with the Breeds records.');
    expect(run.screens[1]?.actions).toEqual(['FINISH']);
    expect(run.vars.MigrationErrors).toBe(true);
    // The inactive Poodle breed is not a match; the fish has no breed at all.
    expect(run.records.byId(animals.Fifi!)).toMatchObject({ SYSTEM_Breed_Migrated__c: false });
    expect(run.records.byId(animals.Fifi!)?.Breed_Lookup__c).toBeUndefined();
    expect(run.records.byId(animals.Nemo!)).toMatchObject({ SYSTEM_Breed_Migrated__c: false });
    expect(run.records.byId(animals.rex!)).toMatchObject({ SYSTEM_Breed_Migrated__c: true, Breed_Lookup__c: breeds.beagle });
    expect(run.records.byId(animals.tom!)).toMatchObject({ SYSTEM_Breed_Migrated__c: true, Breed_Lookup__c: breeds.siamese });
    expect(run.records.all('Animal_Shelter_Settings__c')).toEqual([]);
  });

  it('does not mark the migration complete unless the user confirms', async () => {
    const run = await runBothWays(FLOW, () => options(shelter().records, [{ values: { Check_the_box_to_continue: true } }, { screen: 'No_Match_Errors_Screen' }]));
    expect(run.status).toBe('finished');
    expect(run.vars.Confirm_to_mark_migration_as_complete).toBe(false);
    expect(run.records.all('Animal_Shelter_Settings__c')).toEqual([]);
  });

  it('ends at once, touching nothing, when the box to continue is left unchecked', async () => {
    const run = await runBothWays(FLOW, () => options(shelter().records, [{ screen: 'Confirm_Migration_Screen' }]));
    expect(run.status).toBe('finished');
    expect(run.screens).toHaveLength(1);
    expect(run.records.log).toEqual([]);
  });

  it('says the migration was done before when the custom setting says so', async () => {
    const run = await runBothWays(FLOW, () => ({
      records: shelter().records,
      context: { setup: { Animal_Shelter_Settings__c: { Breeds_Migration_Complete__c: true } } },
      screens: [{ screen: 'Migration_Previously_Completed' }],
    }));
    expect(screenText(run.screens[0]!)).toContain('it looks like the migration process has already been marked as completed.');
    expect(run.records.log).toEqual([]);
  });

  it('shows the fault message when the animal update fails', async () => {
    const message = 'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record';
    const run = await runBothWays(FLOW, () =>
      options(shelter(new FailingRecords().failOnce('update', 'Animal__c', 'UNABLE_TO_LOCK_ROW', message)).records, [
        { values: { Check_the_box_to_continue: true } },
        { screen: 'Fault_Updating_Animal_Records' },
      ]),
    );
    expect(run.status).toBe('finished');
    const fault = run.screens[1]!;
    expect(screenText(fault)).toContain(`Please contact your System Admin with the following details. ${message}`);
    expect(fault.actions).toEqual(['BACK', 'PAUSE', 'FINISH']);
    expect(run.records.all('Animal__c').filter((animal) => animal.SYSTEM_Breed_Migrated__c === true)).toHaveLength(1);
  });
});
