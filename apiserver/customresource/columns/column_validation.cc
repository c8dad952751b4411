#include "apiserver/customresource/columns/column_validation.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace kube::apiserver::customresource {
namespace {

// Sorted, as upstream joins its sets.
constexpr char kTypes[] = "boolean,date,integer,number,string";
constexpr char kFormats[] = "byte,date,date-time,double,float,int32,int64,password";

bool IsListed(std::string_view value, std::string_view list) {
  for (size_t begin = 0; begin <= list.size();) {
    size_t end = list.find(',', begin);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(begin, end - begin) == value) return true;
    begin = end + 1;
  }
  return false;
}

void ValidateColumn(const PrinterColumn& column, const std::string& path,
                    api::FieldErrors& errors) {
  if (column.name.empty()) errors.push_back(api::Required(path + ".name"));

  const std::string types = std::string("must be one of ") + kTypes;
  if (column.type.empty()) {
    errors.push_back(api::Required(path + ".type", types));
  } else if (!IsListed(column.type, kTypes)) {
    errors.push_back(api::Invalid(path + ".type", column.type, types));
  }

  if (!column.format.empty() && !IsListed(column.format, kFormats)) {
    errors.push_back(
        api::Invalid(path + ".format", column.format, std::string("must be one of ") + kFormats));
  }

  if (column.json_path.empty()) {
    errors.push_back(api::Required(path + ".JSONPath"));
  } else if (column.json_path.front() != '.') {
    errors.push_back(api::Invalid(path + ".JSONPath", column.json_path,
                                  "must be a simple json path starting with ."));
  }
}

}  // namespace

api::FieldErrors ValidatePrinterColumns(const std::vector<PrinterColumn>& columns,
                                        std::string_view path) {
  api::FieldErrors errors;
  for (size_t i = 0; i < columns.size(); ++i) {
    ValidateColumn(columns[i], absl::StrCat(std::string(path), "[", i, "]"), errors);
  }
  return errors;
}

}  // namespace kube::apiserver::customresource
