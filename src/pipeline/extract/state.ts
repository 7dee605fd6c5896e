import type { DefinitionLabel } from '../../graph/model.js';
import type { LanguageSpec } from '../../languages/registry.js';
import type { HeritageClause, LocalBinding, MemberAlias, ModuleBinding, TypeRef } from '../../model/parsed-unit.js';
import type { SyntaxTable } from './syntax-table.js';

/** A Definition while the walks still add to it (exported flags, field types). */
export interface DefDraft {
  id: string;
  readonly label: DefinitionLabel;
  readonly name: string;
  readonly qualifiedName: string;
  /** Enclosing named scopes and the name (`Cart.total`, `outer.inner`): what the id is made of. */
  readonly scopePath: string;
  readonly startLine: number;
  readonly endLine: number;
  exported: boolean;
  readonly ownerId?: string;
  readonly owner?: string;
  readonly enclosingId?: string;
  readonly enclosingName?: string;
  readonly properties: Record<string, string | number | boolean>;
  readonly heritage?: HeritageClause[];
  readonly returnType?: TypeRef;
  /** Field name -> type (Maps: a field may be called `__proto__`). */
  fieldTypes?: Map<string, TypeRef>;
  aliasOf?: readonly string[];
  aliasedType?: TypeRef;
  staticFieldTypes?: Map<string, TypeRef>;
  callbackParams?: Record<string, (TypeRef | null)[]>;
  thisType?: TypeRef;
  thisValue?: readonly string[];
  thisUntyped?: true;
  anyFields?: string[];
  memberAliases?: MemberAlias[];
  /** Declared at module level (not a member, not nested): what `export { name }` can name. */
  readonly moduleLevel: boolean;
}

/** What the definitions walk leaves for the calls and modules walks of the same file. */
export interface ExtractState {
  readonly t: SyntaxTable;
  readonly spec: LanguageSpec;
  readonly relPath: string;
  readonly fileId: string;
  readonly defs: DefDraft[];
  readonly ids: Set<string>;
  readonly byId: Map<string, DefDraft>;
  /** Function, class or method node -> its definition. */
  readonly defAt: Map<number, DefDraft>;
  /** class_body node -> the class definition (null for an anonymous class). */
  readonly classBodies: Map<number, DefDraft | null>;
  /** Scope node -> names declared in it; module scope is not stored (its names are free). */
  readonly scopes: Map<number, Map<string, LocalBinding>>;
  readonly moduleBindings: ModuleBinding[];
}
