#include "apiserver/endpoints/watch_handler.h"

#include <memory>
#include <random>

#include "apiserver/endpoints/content_negotiation.h"
#include "apiserver/endpoints/query_params.h"
#include "apiserver/endpoints/table_builder.h"
#include "apiserver/generic/watch_stream.h"
#include "common/api/errors.h"
#include "common/api/scheme.h"
#include "common/codec/json_encode.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

// The JSON media type without the bare "application/json" that cpp-httplib would
// gzip: a gzip stream buffers events instead of flushing them as they happen.
constexpr char kStreamContentType[] = "application/json; charset=utf-8";

// How long one wait for events lasts before the stream checks its deadline.
constexpr absl::Duration kPollInterval = absl::Seconds(1);

// State of one open watch, owned by the response's content provider.
struct WatchSession {
  const ResourceInfo* resource = nullptr;
  std::unique_ptr<WatchStream> stream;
  bool table = false;
  bool bookmarks = false;
  absl::Duration bookmark_interval;
  absl::Time deadline;
  absl::Time last_bookmark;
};

std::string EventLine(std::string_view type, const std::string& object_json) {
  return StrCat("{\"type\":\"", type, "\",\"object\":", object_json, "}\n");
}

std::string ObjectJson(const WatchSession& session, const WatchEvent& event) {
  // Bookmarks carry only a resourceVersion: never a Table row.
  if (!session.table || event.type == "BOOKMARK") return codec::EncodeJson(*event.object);
  const google::protobuf::Message& object = *event.object;
  TableOptions options{IncludeObject::kMetadata, "", "", absl::Now()};
  return BuildTableJson(*session.resource, {&object}, options);
}

std::string BookmarkLine(const WatchSession& session) {
  SharedObject bookmark = BookmarkObject(*session.resource, session.stream->LastRevision(),
                                         /*initial_events_end=*/false);
  return EventLine("BOOKMARK", codec::EncodeJson(*bookmark));
}

std::string ErrorLine(const absl::Status& status) {
  return EventLine("ERROR", codec::EncodeJson(api::ToApiStatus(status)));
}

absl::Duration RequestTimeout(const httplib::Request& request,
                              const ResourceHandlerOptions& options) {
  std::string text = QueryParam(request, "timeoutSeconds");
  if (!text.empty()) {
    try {
      int64_t seconds = std::stoll(text);
      if (seconds > 0) return absl::Seconds(seconds);
    } catch (...) {
    }
  }
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> factor(1.0, 2.0);
  return options.min_request_timeout * factor(generator);
}

}  // namespace

absl::Status ServeWatch(const ResourceInfo& resource, const Store& store,
                        const RequestInfo& info, const httplib::Request& request,
                        httplib::Response& response, const ResourceHandlerOptions& options) {
  absl::StatusOr<OutputFormat> format = NegotiateOutput(request.get_header_value("Accept"));
  if (!format.ok()) return format.status();
  WatchParams params;
  if (absl::Status status = ParseSelectors(request, params.label_selector, params.field_selector);
      !status.ok()) {
    return status;
  }
  params.resource_version = QueryParam(request, "resourceVersion");
  params.resource_version_match = QueryParam(request, "resourceVersionMatch");
  params.allow_bookmarks = BoolQueryParam(request, "allowWatchBookmarks");
  absl::StatusOr<std::optional<bool>> send_initial_events =
      OptionalBoolQueryParam(request, "sendInitialEvents");
  if (!send_initial_events.ok()) return send_initial_events.status();
  params.send_initial_events = *send_initial_events;
  // A single object's watch (/pods/NAME?watch) is a watch with a name selector.
  if (!info.name.empty()) {
    params.field_selector = selectors::FieldSelector::OneTermEqual("metadata.name", info.name);
  }

  absl::StatusOr<std::unique_ptr<WatchStream>> stream = store.Watch(info.namespace_, params);
  if (!stream.ok()) {
    if (stream.status().code() != absl::StatusCode::kOutOfRange) return stream.status();
    // Upstream answers a too-old resourceVersion inside the stream.
    response.status = 200;
    response.set_content(ErrorLine(stream.status()), kStreamContentType);
    return absl::OkStatus();
  }

  auto session = std::make_shared<WatchSession>();
  session->resource = &resource;
  session->stream = std::move(*stream);
  session->table = *format == OutputFormat::kTable;
  session->bookmarks = params.allow_bookmarks;
  session->bookmark_interval = options.bookmark_interval;
  session->deadline = absl::Now() + RequestTimeout(request, options);
  session->last_bookmark = absl::Now();

  response.status = 200;
  response.set_header("Cache-Control", "no-cache, private");
  response.set_chunked_content_provider(
      kStreamContentType, [session](size_t, httplib::DataSink& sink) {
        absl::Time now = absl::Now();
        if (now >= session->deadline) {
          if (session->bookmarks) {
            std::string line = BookmarkLine(*session);
            sink.write(line.data(), line.size());
          }
          sink.done();
          return true;
        }
        absl::StatusOr<std::vector<WatchEvent>> events =
            session->stream->Next(std::min(kPollInterval, session->deadline - now));
        if (!events.ok()) {
          // A reader that fell behind or a closing store just ends the stream; the
          // client re-watches from its last resourceVersion, as with upstream.
          if (events.status().code() != absl::StatusCode::kResourceExhausted &&
              events.status().code() != absl::StatusCode::kCancelled) {
            std::string line = ErrorLine(events.status());
            sink.write(line.data(), line.size());
          }
          sink.done();
          return true;
        }
        std::string batch;
        for (const WatchEvent& event : *events) {
          batch += EventLine(event.type, ObjectJson(*session, event));
        }
        if (session->bookmarks && absl::Now() - session->last_bookmark >= session->bookmark_interval) {
          batch += BookmarkLine(*session);
          session->last_bookmark = absl::Now();
        }
        if (!batch.empty() && !sink.write(batch.data(), batch.size())) return false;
        return true;
      });
  return absl::OkStatus();
}

}  // namespace kube::apiserver
