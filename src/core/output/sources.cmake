# Sources of src/core/output (machine-readable and tabular output shared by the CLI and GUI exports)
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/CsvWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/CsvWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/DisplayWidth.cpp ${CMAKE_CURRENT_LIST_DIR}/DisplayWidth.h
    ${CMAKE_CURRENT_LIST_DIR}/TextTable.cpp ${CMAKE_CURRENT_LIST_DIR}/TextTable.h
    ${CMAKE_CURRENT_LIST_DIR}/DirectoryJson.cpp ${CMAKE_CURRENT_LIST_DIR}/DirectoryJson.h
    ${CMAKE_CURRENT_LIST_DIR}/DirectoryCsv.cpp ${CMAKE_CURRENT_LIST_DIR}/DirectoryCsv.h
)
