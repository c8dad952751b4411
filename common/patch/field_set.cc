#include "common/patch/field_set.h"

#include <algorithm>
#include <utility>

#include "common/codec/json_text.h"
#include "common/util/strings.h"

namespace kube::patch::internal {
namespace {

// upstream's value ordering across types: numbers, strings, booleans, lists, maps, null.
int TypeRank(const rapidjson::Value& v) {
  if (v.IsNumber()) return 0;
  if (v.IsString()) return 1;
  if (v.IsBool()) return 2;
  if (v.IsArray()) return 3;
  if (v.IsObject()) return 4;
  return 5;
}

int CompareValues(const rapidjson::Value& a, const rapidjson::Value& b) {
  const int ra = TypeRank(a), rb = TypeRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.IsNumber()) {
    const double x = a.GetDouble(), y = b.GetDouble();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.IsString()) return View(a).compare(View(b)) < 0 ? -1 : (View(a) == View(b) ? 0 : 1);
  if (a.IsBool()) return static_cast<int>(a.GetBool()) - static_cast<int>(b.GetBool());
  if (a.IsArray() || a.IsObject()) {
    // Rare in keys; the text gives a stable order.
    const std::string ta = codec::WriteJson(a), tb = codec::WriteJson(b);
    return ta < tb ? -1 : (ta == tb ? 0 : 1);
  }
  return 0;
}

// Key objects compare by size, then field by field (name, then value).
int CompareKeys(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (a.MemberCount() != b.MemberCount()) return a.MemberCount() < b.MemberCount() ? -1 : 1;
  for (auto ia = a.MemberBegin(), ib = b.MemberBegin(); ia != a.MemberEnd(); ++ia, ++ib) {
    if (View(ia->name) != View(ib->name)) return View(ia->name) < View(ib->name) ? -1 : 1;
    if (int c = CompareValues(ia->value, ib->value); c != 0) return c;
  }
  return 0;
}

int KindRank(char kind) {
  switch (kind) {
    case 'f': return 0;
    case 'k': return 1;
    case 'v': return 2;
    default: return 3;
  }
}

// upstream's PathElement order: fields, keys, values, indexes; like with like.
bool ElementLess(const std::string& a, const std::string& b) {
  const int ka = KindRank(a[0]), kb = KindRank(b[0]);
  if (ka != kb) return ka < kb;
  if (a[0] == 'k' || a[0] == 'v') {
    rapidjson::Document va, vb;
    if (codec::ParseJson(std::string_view(a).substr(2), va).ok() &&
        codec::ParseJson(std::string_view(b).substr(2), vb).ok()) {
      const int c = a[0] == 'k' && va.IsObject() && vb.IsObject() ? CompareKeys(va, vb)
                                                                  : CompareValues(va, vb);
      if (c != 0) return c < 0;
    }
  } else if (a[0] == 'i' && a.size() != b.size()) {
    return a.size() < b.size();
  }
  return a < b;
}

std::vector<const std::pair<const std::string, FieldSet>*> Sorted(
    const std::map<std::string, FieldSet>& children) {
  std::vector<const std::pair<const std::string, FieldSet>*> out;
  for (const auto& child : children) out.push_back(&child);
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return ElementLess(a->first, b->first); });
  return out;
}

}  // namespace

bool FieldSet::Empty() const {
  for (const auto& [element, child] : children_) {
    if (child.member_ || !child.Empty()) return false;
  }
  return true;
}

void FieldSet::Insert(const FieldPath& path) {
  FieldSet* node = this;
  for (const std::string& element : path) node = &node->children_[element];
  node->member_ = true;
}

bool FieldSet::Has(const FieldPath& path) const {
  const FieldSet* node = this;
  for (const std::string& element : path) {
    node = node->Find(element);
    if (node == nullptr) return false;
  }
  return node->member_;
}

void FieldSet::Remove(const FieldPath& path) {
  if (path.empty()) return;
  FieldSet* node = this;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    auto it = node->children_.find(path[i]);
    if (it == node->children_.end()) return;
    node = &it->second;
  }
  node->children_.erase(path.back());
  Prune();
}

const FieldSet* FieldSet::Find(const std::string& element) const {
  auto it = children_.find(element);
  return it == children_.end() ? nullptr : &it->second;
}

void FieldSet::Prune() {
  for (auto it = children_.begin(); it != children_.end();) {
    it->second.Prune();
    if (!it->second.member_ && it->second.children_.empty()) {
      it = children_.erase(it);
    } else {
      ++it;
    }
  }
}

FieldSet FieldSet::Union(const FieldSet& a, const FieldSet& b) {
  FieldSet out = a;
  out.member_ = a.member_ || b.member_;
  for (const auto& [element, child] : b.children_) {
    auto it = out.children_.find(element);
    if (it == out.children_.end()) {
      out.children_.emplace(element, child);
    } else {
      it->second = Union(it->second, child);
    }
  }
  out.Prune();
  return out;
}

FieldSet FieldSet::Difference(const FieldSet& a, const FieldSet& b) {
  FieldSet out;
  out.member_ = a.member_ && !b.member_;
  for (const auto& [element, child] : a.children_) {
    const FieldSet* other = b.Find(element);
    out.children_.emplace(element, other == nullptr ? child : Difference(child, *other));
  }
  out.Prune();
  return out;
}

FieldSet FieldSet::Intersection(const FieldSet& a, const FieldSet& b) {
  FieldSet out;
  out.member_ = a.member_ && b.member_;
  for (const auto& [element, child] : a.children_) {
    if (const FieldSet* other = b.Find(element)) {
      out.children_.emplace(element, Intersection(child, *other));
    }
  }
  out.Prune();
  return out;
}

FieldSet FieldSet::WithNamedFieldsAsMembers() const {
  FieldSet out;
  out.member_ = member_;
  for (const auto& [element, child] : children_) {
    FieldSet converted = child.WithNamedFieldsAsMembers();
    if (element[0] == 'f' && !converted.children_.empty()) converted.member_ = true;
    out.children_.emplace(element, std::move(converted));
  }
  return out;
}

void FieldSet::ForEach(const std::function<void(const FieldPath&)>& visit) const {
  FieldPath prefix;
  ForEach(prefix, visit);
}

void FieldSet::ForEach(FieldPath& prefix,
                       const std::function<void(const FieldPath&)>& visit) const {
  const auto sorted = Sorted(children_);
  for (const auto* child : sorted) {
    if (!child->second.member_) continue;
    prefix.push_back(child->first);
    visit(prefix);
    prefix.pop_back();
  }
  for (const auto* child : sorted) {
    if (child->second.children_.empty()) continue;
    prefix.push_back(child->first);
    child->second.ForEach(prefix, visit);
    prefix.pop_back();
  }
}

rapidjson::Value ToFieldsV1(const FieldSet& set, Allocator& allocator) {
  rapidjson::Value out(rapidjson::kObjectType);
  for (const auto* child : Sorted(set.children())) {
    rapidjson::Value entry(rapidjson::kObjectType);
    if (!child->second.children().empty()) {
      entry = ToFieldsV1(child->second, allocator);
      if (child->second.member()) {
        // "." comes first, as upstream writes it.
        rapidjson::Value with_self(rapidjson::kObjectType);
        with_self.AddMember(".", rapidjson::Value(rapidjson::kObjectType), allocator);
        for (auto& member : entry.GetObject()) with_self.AddMember(member.name, member.value, allocator);
        entry = std::move(with_self);
      }
    }
    out.AddMember(MakeString(child->first, allocator), entry, allocator);
  }
  return out;
}

absl::StatusOr<FieldSet> FromFieldsV1(const rapidjson::Value& fields) {
  if (!fields.IsObject()) return absl::InvalidArgumentError("FieldsV1 must be an object");
  FieldSet out;
  for (const auto& member : fields.GetObject()) {
    const std::string_view key = View(member.name);
    if (!member.value.IsObject()) {
      return absl::InvalidArgumentError(StrCat("FieldsV1 entry ", GoQuote(key), " is not an object"));
    }
    if (key == ".") {
      out.set_member(true);
      continue;
    }
    if (key.size() < 2 || key[1] != ':' || (KindRank(key[0]) == 3 && key[0] != 'i')) {
      return absl::InvalidArgumentError(StrCat("unknown FieldsV1 path element ", GoQuote(key)));
    }
    std::string element(key);
    if (key[0] == 'k' || key[0] == 'v') {
      rapidjson::Document parsed;
      if (!codec::ParseJson(key.substr(2), parsed).ok() || (key[0] == 'k' && !parsed.IsObject())) {
        return absl::InvalidArgumentError(StrCat("invalid FieldsV1 path element ", GoQuote(key)));
      }
      element = StrCat(key.substr(0, 2), codec::WriteJson(parsed));
    }
    absl::StatusOr<FieldSet> child = FromFieldsV1(member.value);
    if (!child.ok()) return child.status();
    if (member.value.ObjectEmpty()) child->set_member(true);
    FieldSet& slot = out.Child(element);
    slot = FieldSet::Union(slot, *child);
    slot.set_member(slot.member() || child->member());
  }
  return out;
}

std::string PathString(const FieldPath& path) {
  std::string out;
  for (const std::string& element : path) {
    const std::string_view rest = std::string_view(element).substr(2);
    switch (element[0]) {
      case 'f':
        StrAppend(&out, ".", rest);
        break;
      case 'k': {
        rapidjson::Document key;
        if (!codec::ParseJson(rest, key).ok() || !key.IsObject()) {
          StrAppend(&out, "[", rest, "]");
          break;
        }
        std::vector<std::string> parts;
        for (const auto& member : key.GetObject()) {
          parts.push_back(StrCat(View(member.name), "=", codec::WriteJson(member.value)));
        }
        StrAppend(&out, "[", StrJoin(parts, ","), "]");
        break;
      }
      case 'v':
        StrAppend(&out, "[=", rest, "]");
        break;
      default:
        StrAppend(&out, "[", rest, "]");
    }
  }
  return out;
}

}  // namespace kube::patch::internal
