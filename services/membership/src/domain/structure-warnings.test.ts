import { OrgUnitKind as K } from '@chibo/domain';
import { StructureWarningCode as W, structureWarnings } from './structure-warnings';

describe('T-3: structural warnings, never errors', () => {
  it.each<[string, K, { onRoll: number; official: number; committeePosts: number }, W[]]>([
    ['T-3: a cell of 2 official members is warned', K.CELL, { onRoll: 4, official: 2, committeePosts: 1 }, [W.FEW_OFFICIAL_MEMBERS]],
    ['T-3: a cell of 3 official members is fine', K.CELL, { onRoll: 3, official: 3, committeePosts: 1 }, []],
    ['T-3: a base cell of 30 members is told to become a committee', K.BASE_CELL, { onRoll: 30, official: 8, committeePosts: 1 }, [W.BASE_CELL_TOO_LARGE]],
    ['T-3: a base cell of 29 members is fine', K.BASE_CELL, { onRoll: 29, official: 8, committeePosts: 1 }, []],
    ['T-3: a cell of 30 members is not a base cell', K.CELL, { onRoll: 30, official: 8, committeePosts: 1 }, []],
    ['T-3: 9 official members without a cell committee is warned', K.CELL, { onRoll: 9, official: 9, committeePosts: 2 }, [W.NO_CELL_COMMITTEE]],
    ['T-3: 9 official members with three committee posts is fine', K.CELL, { onRoll: 9, official: 9, committeePosts: 3 }, []],
    ['T-3: 8 official members need no cell committee', K.CELL, { onRoll: 8, official: 8, committeePosts: 0 }, []],
    ['T-3: committees get no cell warnings', K.COMMITTEE, { onRoll: 0, official: 0, committeePosts: 0 }, []],
  ])('%s', (_name, kind, figures, codes) => {
    expect(structureWarnings(kind, figures).map((w) => w.code)).toEqual(codes);
  });
});
