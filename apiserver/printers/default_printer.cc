// Upstream's default table convertor, for kinds without a printer of their own.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "apiserver/printers/printer_util.h"
#include "apiserver/printers/printers.h"
#include "common/api/object.h"

namespace kube::apiserver {
namespace {

class DefaultPrinter final : public TablePrinter {
 public:
  // TablePrinter
  std::vector<TableColumn> Columns() const override {
    return {printer_internal::NameColumn(),
            printer_internal::Column("Created At", "date",
                                     "CreationTimestamp is a timestamp representing the server "
                                     "time when this object was created.")};
  }

  std::vector<TableCell> Row(const google::protobuf::Message& object, absl::Time) const override {
    const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
    if (meta == nullptr) return {std::string(), CreatedAt(k8s::meta::v1::Time())};
    return {meta->name(), CreatedAt(meta->creationtimestamp())};
  }

 private:
  // RFC 3339 in UTC; the zero time prints as Go's zero time does.
  static std::string CreatedAt(const k8s::meta::v1::Time& time) {
    if (IsZeroTime(time)) return "0001-01-01T00:00:00Z";
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", ToAbslTime(time), absl::UTCTimeZone());
  }
};

}  // namespace

std::unique_ptr<TablePrinter> NewDefaultPrinter() { return std::make_unique<DefaultPrinter>(); }

}  // namespace kube::apiserver
