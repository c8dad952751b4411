#include "common/flags/flag_set.h"

#include <memory>

#include <algorithm>
#include <sstream>

#include "absl/strings/numbers.h"
#include "common/util/strings.h"
#include "absl/strings/str_split.h"
#include "common/log/log.h"
#include "common/util/parse_bool.h"

namespace kube::flags {

FlagSet::FlagSet(std::string program, std::string description)
    : program_(std::move(program)), description_(std::move(description)) {
  Bool("help", &help_requested_, "Show this help and exit.");
  Bool("version", &version_requested_, "Print the version and exit.");
  Int("v", &verbosity_, "Log verbosity: 0 is quiet, 2 is useful, 4 and up is debugging.");
}

void FlagSet::Add(Flag flag) { flags_.push_back(std::move(flag)); }

const FlagSet::Flag* FlagSet::Find(const std::string& name) const {
  for (const Flag& flag : flags_) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

void FlagSet::String(std::string name, std::string* target, std::string help) {
  Add({name, std::move(help), *target, false, [target](const std::string& value) {
         *target = value;
         return absl::OkStatus();
       }});
}

void FlagSet::StringList(std::string name, std::vector<std::string>* target, std::string help) {
  std::string joined;
  for (const auto& item : *target) joined += (joined.empty() ? "" : ",") + item;
  // As pflag's StringSlice: the first use replaces the default, later uses append.
  auto seen = std::make_shared<bool>(false);
  Add({name, std::move(help), joined, false, [target, seen](const std::string& value) {
         if (!*seen) target->clear();
         *seen = true;
         for (absl::string_view item : absl::StrSplit(value, ',', absl::SkipEmpty())) {
           target->emplace_back(item);
         }
         return absl::OkStatus();
       }});
}

void FlagSet::Int(std::string name, int64_t* target, std::string help) {
  Add({name, std::move(help), std::to_string(*target), false,
       [target, name](const std::string& value) {
         if (!absl::SimpleAtoi(value, target)) {
           return absl::InvalidArgumentError(
               StrCat("invalid argument \"", value, "\" for \"--", name, "\": not an integer"));
         }
         return absl::OkStatus();
       }});
}

void FlagSet::Int(std::string name, int* target, std::string help) {
  Add({name, std::move(help), std::to_string(*target), false,
       [target, name](const std::string& value) {
         if (!absl::SimpleAtoi(value, target)) {
           return absl::InvalidArgumentError(
               StrCat("invalid argument \"", value, "\" for \"--", name, "\": not an integer"));
         }
         return absl::OkStatus();
       }});
}

void FlagSet::Bool(std::string name, bool* target, std::string help) {
  Add({name, std::move(help), *target ? "true" : "false", true,
       [target, name](const std::string& value) {
         if (std::optional<bool> parsed = ParseBool(value)) {
           *target = *parsed;
         } else {
           return absl::InvalidArgumentError(
               StrCat("invalid argument \"", value, "\" for \"--", name, "\": not a boolean"));
         }
         return absl::OkStatus();
       }});
}

void FlagSet::Duration(std::string name, absl::Duration* target, std::string help) {
  Add({name, std::move(help), absl::FormatDuration(*target), false,
       [target, name](const std::string& value) {
         absl::Status status = ParseGoDuration(value, target);
         if (!status.ok()) {
           return absl::InvalidArgumentError(StrCat("invalid argument \"", value,
                                                          "\" for \"--", name, "\": ",
                                                          status.message()));
         }
         return absl::OkStatus();
       }});
}

absl::Status FlagSet::Parse(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) positional_.emplace_back(argv[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string name = body;
    std::string value;
    bool has_value = false;
    if (size_t equals = body.find('='); equals != std::string::npos) {
      name = body.substr(0, equals);
      value = body.substr(equals + 1);
      has_value = true;
    }
    if (name == "h") name = "help";
    const Flag* flag = Find(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(StrCat("unknown flag: --", name));
    }
    if (!has_value) {
      if (flag->is_bool) {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(StrCat("flag needs an argument: --", name));
      }
    }
    if (absl::Status status = flag->set(value); !status.ok()) return status;
  }
  log::SetVerbosity(verbosity_);
  return absl::OkStatus();
}

std::string FlagSet::Usage() const {
  std::ostringstream out;
  out << description_ << "\n\nUsage:\n  " << program_ << " [flags]\n\nFlags:\n";
  std::vector<const Flag*> sorted;
  for (const Flag& flag : flags_) sorted.push_back(&flag);
  std::sort(sorted.begin(), sorted.end(),
            [](const Flag* a, const Flag* b) { return a->name < b->name; });
  for (const Flag* flag : sorted) {
    std::string left = "      --" + flag->name;
    if (!flag->is_bool) left += " value";
    out << left;
    if (left.size() < 40) out << std::string(40 - left.size(), ' ');
    else out << "\n" << std::string(40, ' ');
    out << flag->help;
    if (!flag->default_value.empty() && !flag->is_bool) {
      out << " (default " << flag->default_value << ")";
    }
    out << "\n";
  }
  return out.str();
}

absl::Status ParseGoDuration(const std::string& text, absl::Duration* out) {
  if (text.empty()) return absl::InvalidArgumentError("empty duration");
  int64_t seconds = 0;
  if (absl::SimpleAtoi(text, &seconds)) {
    *out = absl::Seconds(seconds);
    return absl::OkStatus();
  }
  // absl's parser accepts Go's syntax (h, m, s, ms, us, ns and fractions).
  if (!absl::ParseDuration(text, out)) {
    return absl::InvalidArgumentError(StrCat("time: invalid duration \"", text, "\""));
  }
  return absl::OkStatus();
}

}  // namespace kube::flags
