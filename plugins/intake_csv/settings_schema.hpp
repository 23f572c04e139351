#pragma once

namespace intake_csv {

// The JSON Schema of the plugin's settings, with the defaults an admin starts from.
extern const char* const kSettingsSchema;

}  // namespace intake_csv
