#pragma once

// The object edits of server-side apply: merging a configuration into the live object
// and removing the fields an applier gave up (structured-merge-diff's Merge and
// RemoveItems over our schema).

#include "common/patch/field_set.h"
#include "common/patch/json_util.h"
#include "common/patch/schema.h"
#include "rapidjson/document.h"

namespace kube::patch::internal {

// `config` merged into `live` (null: no live object). Maps and structs merge member by
// member, associative and set lists item by item (kept in live order, with the
// configuration's order for the items it names), anything else is taken from
// `config`. Null members of `config` remove the member.
rapidjson::Value MergeForApply(const rapidjson::Value* live, const rapidjson::Value& config,
                               const ValueType& type, Allocator& allocator);

// Removes from `value` every member, map entry and list item whose path is a member of
// `set` (with all below it).
void RemoveItems(rapidjson::Value& value, const FieldSet& set, const ValueType& type);

}  // namespace kube::patch::internal
