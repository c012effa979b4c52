# Sources of src/core/net
target_sources(scimitar_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/UrlPolicy.cpp ${CMAKE_CURRENT_LIST_DIR}/UrlPolicy.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/ThrottleClassifier.cpp ${CMAKE_CURRENT_LIST_DIR}/ThrottleClassifier.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpClient.cpp ${CMAKE_CURRENT_LIST_DIR}/HttpClient.h
    ${CMAKE_CURRENT_LIST_DIR}/RetryNote.cpp ${CMAKE_CURRENT_LIST_DIR}/RetryNote.h
)
