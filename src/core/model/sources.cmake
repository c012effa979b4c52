# Sources of src/core/model
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/Principals.cpp ${CMAKE_CURRENT_LIST_DIR}/Principals.h
    ${CMAKE_CURRENT_LIST_DIR}/DirectorySnapshot.cpp ${CMAKE_CURRENT_LIST_DIR}/DirectorySnapshot.h
)
