#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/base/result.h"
#include "engine/image/inspect.h"
#include "engine/image/template.h"
#include "engine/image/template_value.h"

namespace strata::image {

// The value `docker image inspect --format` executes its template on first: the inspect JSON
// decoded into the docker 28.2 CLI's Go types (image.InspectResponse, whose Config is a
// *v1.DockerOCIImageConfig). So .Config.Entrypoint is a nil []string printing [], .Config.Labels
// a map[string]string printing map[] when unset, .Metadata.LastTagTime a time.Time, and the ID
// field is .ID (its JSON name is "Id").
TemplateValue inspect_template_value(const nlohmann::ordered_json& inspect);

// The value docker falls back to when the typed run fails: the raw JSON decoded into
// interface{} with json.Decoder.UseNumber (objects map[string]interface {}, arrays
// []interface {}, numbers json.Number, null an empty interface).
TemplateValue template_value_from_json(const nlohmann::json& json);

// `docker image inspect --format` for one image, without the newline docker adds after it:
// execute on the typed value; if that fails, execute on the raw JSON with missingkey=error and
// report that run's error (docker's inspect.TemplateInspector).
base::Result<std::string> format_inspect(const Template& format, const ImageRecord& record,
                                         InspectShape shape = InspectShape::container_config);

// Go's time.Duration.String: "1m30s", "1.5s", "250ms", "0s".
std::string go_duration_string(int64_t nanoseconds);

}  // namespace strata::image
