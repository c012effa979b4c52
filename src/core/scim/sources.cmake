# Sources of src/core/scim
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ScimError.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimError.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimResourceParser.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimResourceParser.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimText.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimText.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimLookup.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimLookup.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimPager.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimPager.h
    ${CMAKE_CURRENT_LIST_DIR}/ScimClient.cpp ${CMAKE_CURRENT_LIST_DIR}/ScimClient.h
    ${CMAKE_CURRENT_LIST_DIR}/DirectoryLoader.cpp ${CMAKE_CURRENT_LIST_DIR}/DirectoryLoader.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionProbe.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionProbe.h
    ${CMAKE_CURRENT_LIST_DIR}/BackgroundDirectoryLoader.cpp ${CMAKE_CURRENT_LIST_DIR}/BackgroundDirectoryLoader.h
)
